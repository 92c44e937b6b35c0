import { and, asc, eq, inArray, lte, not, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { component, environment, taskExecution, taskSchedule } from '@/db/schema';
import { nudge, wake } from '@/lib/jobs/signal';
import { activeDeployment, liveExecutions, reserveNumbers } from './create';
import { dueSlots, nextSlot } from './slots';

export const EXECUTION_KIND = 'execution';

type NewExecution = typeof taskExecution.$inferInsert;

/**
 * Fires one due schedule, if any, in one transaction: the schedule row is claimed with
 * FOR UPDATE SKIP LOCKED, its slots become execution rows under the unique
 * (component, environment, scheduled_for) index, and next_run_at advances — so each slot
 * fires exactly once however many processes tick. Returns false when nothing was due.
 */
export async function fireOne(db: Db, now: Date): Promise<boolean> {
  const after = await db.transaction(async (tx) => {
    const [s] = await tx
      .select()
      .from(taskSchedule)
      .where(and(not(taskSchedule.paused), lte(taskSchedule.nextRunAt, now)))
      .orderBy(asc(taskSchedule.nextRunAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!s) return null;
    const { run, missed } = dueSlots({ cron: s.cron, timeZone: s.timeZone, nextRunAt: s.nextRunAt!, startingDeadlineSeconds: s.startingDeadlineSeconds }, now);
    const [comp] = await tx.select({ timeout: component.taskTimeoutSeconds }).from(component).where(eq(component.id, s.componentId));
    const [env] = await tx.select({ name: environment.name }).from(environment).where(eq(environment.id, s.environmentId));
    const active = await activeDeployment(tx, s.componentId, s.environmentId);
    const schedule = { cron: s.cron, timeZone: s.timeZone, concurrencyPolicy: s.concurrencyPolicy };
    const base = {
      organizationId: s.organizationId,
      componentId: s.componentId,
      environmentId: s.environmentId,
      releaseId: active?.releaseId ?? null,
      deploymentId: active?.id ?? null,
      trigger: 'schedule' as const,
      triggeredByLabel: 'schedule',
      schedule,
      timeoutSeconds: active?.taskSettings?.timeoutSeconds ?? comp.timeout,
    };
    const rows: Omit<NewExecution, 'number'>[] = missed.map((slot) => ({
      ...base,
      scheduledFor: slot,
      status: 'missed' as const,
      reason: `Missed: the control plane was not running at this time, and the starting deadline (${s.startingDeadlineSeconds} s) has passed.`,
      finishedAt: now,
    }));
    const replaced: string[] = [];
    if (run) {
      const live = await liveExecutions(tx, s.componentId, s.environmentId);
      if (!active) {
        rows.push({ ...base, scheduledFor: run, status: 'skipped', reason: `Skipped: nothing is deployed to ${env.name}.`, finishedAt: now });
      } else if (live.length && s.concurrencyPolicy === 'Forbid') {
        const nums = live.map((l) => `#${l.number}`).join(', ');
        rows.push({ ...base, scheduledFor: run, status: 'skipped', reason: `Skipped: execution ${nums} was still running (concurrency policy Forbid).`, finishedAt: now });
      } else {
        if (live.length && s.concurrencyPolicy === 'Replace') {
          await tx.update(taskExecution).set({ stopRequestedAt: now, updatedAt: now }).where(inArray(taskExecution.id, live.map((l) => l.id)));
          replaced.push(...live.map((l) => l.id));
        }
        rows.push({ ...base, scheduledFor: run, status: 'queued' });
      }
    }
    let inserted = 0;
    if (rows.length) {
      const first = await reserveNumbers(tx, s.componentId, rows.length);
      const result = await tx
        .insert(taskExecution)
        .values(rows.map((r, i) => ({ ...r, number: first + i })))
        .onConflictDoNothing({ target: [taskExecution.componentId, taskExecution.environmentId, taskExecution.scheduledFor] })
        .returning({ id: taskExecution.id, status: taskExecution.status });
      inserted = result.filter((r) => r.status === 'queued').length;
    }
    const last = run ?? missed[missed.length - 1] ?? null;
    await tx
      .update(taskSchedule)
      .set({ nextRunAt: nextSlot(s.cron, s.timeZone, now), lastScheduledFor: last ?? s.lastScheduledFor, updatedAt: sql`now()` })
      .where(eq(taskSchedule.id, s.id));
    return { inserted, replaced };
  });
  if (!after) return false;
  for (const id of after.replaced) nudge(id);
  if (after.inserted) wake(EXECUTION_KIND);
  return true;
}

/** Fires every due schedule at `now` (at most `max`); the clock is an argument so tests drive it. */
export async function tickScheduler(db: Db, now: Date, max = 500): Promise<number> {
  let fired = 0;
  while (fired < max && (await fireOne(db, now))) fired++;
  return fired;
}

/** The earliest next_run_at of an active schedule, to wake exactly then. */
export async function earliestDue(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | null>`min(${taskSchedule.nextRunAt})` })
    .from(taskSchedule)
    .where(not(taskSchedule.paused));
  return row?.at ? new Date(row.at) : null;
}
