import { and, asc, eq, inArray, lte, not, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { component, environment, taskExecution, taskSchedule, type TaskExecutionRow } from '@/db/schema';
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
 *
 * With `aheadMs`, a slot less than that far in the future fires early: its execution is
 * queued marked `atSlot`, the execution kind prepares its container and waits for the slot
 * to start it, and decides the concurrency policy then (what runs at the slot is what counts).
 */
export async function fireOne(db: Db, now: Date, aheadMs = 0): Promise<boolean> {
  const after = await db.transaction(async (tx) => {
    const [s] = await tx
      .select()
      .from(taskSchedule)
      .where(and(not(taskSchedule.paused), lte(taskSchedule.nextRunAt, new Date(now.getTime() + aheadMs))))
      .orderBy(asc(taskSchedule.nextRunAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!s) return null;
    const early = s.nextRunAt!.getTime() > now.getTime();
    const { run, missed } = early ? { run: s.nextRunAt!, missed: [] } : dueSlots({ cron: s.cron, timeZone: s.timeZone, nextRunAt: s.nextRunAt!, startingDeadlineSeconds: s.startingDeadlineSeconds }, now);
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
      if (early && active) {
        rows.push({ ...base, schedule: { ...schedule, atSlot: true, startingDeadlineSeconds: s.startingDeadlineSeconds }, scheduledFor: run, status: 'queued' });
      } else if (!active) {
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
      .set({ nextRunAt: nextSlot(s.cron, s.timeZone, early ? run! : now), lastScheduledFor: last ?? s.lastScheduledFor, updatedAt: sql`now()` })
      .where(eq(taskSchedule.id, s.id));
    return { inserted, replaced };
  });
  if (!after) return false;
  for (const id of after.replaced) nudge(id);
  if (after.inserted) wake(EXECUTION_KIND);
  return true;
}

/** Fires every due schedule at `now` (at most `max`), and with `aheadMs` those due that soon; the clock is an argument so tests drive it. */
export async function tickScheduler(db: Db, now: Date, max = 500, aheadMs = 0): Promise<number> {
  let fired = 0;
  while (fired < max && (await fireOne(db, now, aheadMs))) fired++;
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

/**
 * The concurrency policy of an execution fired ahead of its slot, applied at the slot:
 * Forbid records it skipped when another execution of the task is still live, Replace asks
 * those to stop, Allow lets them be. Returns whether it runs.
 */
export async function policyAtSlot(db: Db, e: TaskExecutionRow, now: Date): Promise<boolean> {
  const policy = e.schedule?.concurrencyPolicy ?? 'Forbid';
  if (policy === 'Allow') return true;
  const out = await db.transaction(async (tx) => {
    const others = (await liveExecutions(tx, e.componentId, e.environmentId)).filter((l) => l.id !== e.id && !(l.scheduledFor && e.scheduledFor && l.scheduledFor > e.scheduledFor));
    if (!others.length) return { run: true, replaced: [] as string[] };
    if (policy === 'Forbid') {
      const nums = others.map((l) => `#${l.number}`).join(', ');
      await tx
        .update(taskExecution)
        .set({ status: 'skipped', reason: `Skipped: execution ${nums} was still running (concurrency policy Forbid).`, finishedAt: now, updatedAt: now, leaseUntil: null })
        .where(and(eq(taskExecution.id, e.id), eq(taskExecution.status, 'queued')));
      return { run: false, replaced: [] };
    }
    const ids = others.map((l) => l.id);
    await tx.update(taskExecution).set({ stopRequestedAt: now, updatedAt: now }).where(inArray(taskExecution.id, ids));
    return { run: true, replaced: ids };
  });
  for (const id of out.replaced) nudge(id);
  return out.run;
}
