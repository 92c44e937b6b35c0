import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, dataPlane, environment, taskSchedule, type DeploymentTaskSettings, type TaskScheduleRow } from '@/db/schema';
import { isScheduled, isTask } from '@/lib/component-types';
import { nextSlot } from '@/lib/jobs/executions/slots';
import { checkCron, DEFAULT_STARTING_DEADLINE_SECONDS } from '@/lib/schedule';

/** Where the control plane fires the schedule itself (docker planes); a Kubernetes CronJob fires its own. */
export function firesHere(driver: 'docker' | 'kubernetes') {
  return driver === 'docker';
}

export function settingsOf(timeoutSeconds: number, s: Pick<TaskScheduleRow, 'cron' | 'timeZone' | 'concurrencyPolicy' | 'startingDeadlineSeconds'> | null): DeploymentTaskSettings {
  return { timeoutSeconds, schedule: s ? { cron: s.cron, timeZone: s.timeZone, concurrencyPolicy: s.concurrencyPolicy, startingDeadlineSeconds: s.startingDeadlineSeconds } : null };
}

/** What of a component row the task settings depend on (a caller holding the row passes it). */
export type TaskFields = Pick<typeof component.$inferSelect, 'type' | 'schedule' | 'taskTimeoutSeconds'>;

/**
 * The task settings a new deployment records (so what ran is reproducible). A scheduled
 * task's first deployment to an environment also creates that environment's schedule from
 * the component's cron (UTC, Forbid) — the schedule editor changes it from there.
 */
export async function taskSettingsForDeployment(tx: Tx, target: { organizationId: string; componentId: string; environmentId: string }, known?: TaskFields): Promise<DeploymentTaskSettings | null> {
  const [comp] = known ? [{ type: known.type, schedule: known.schedule, timeout: known.taskTimeoutSeconds }] : await tx.select({ type: component.type, schedule: component.schedule, timeout: component.taskTimeoutSeconds }).from(component).where(eq(component.id, target.componentId));
  if (!comp || !isTask(comp.type)) return null;
  if (!isScheduled(comp.type)) return settingsOf(comp.timeout, null);
  const [existing] = await tx.select().from(taskSchedule).where(and(eq(taskSchedule.componentId, target.componentId), eq(taskSchedule.environmentId, target.environmentId)));
  if (existing) return settingsOf(comp.timeout, existing);
  if (!comp.schedule || checkCron(comp.schedule)) return settingsOf(comp.timeout, null);
  const [env] = await tx.select({ driver: dataPlane.driver }).from(environment).innerJoin(dataPlane, eq(dataPlane.id, environment.dataPlaneId)).where(eq(environment.id, target.environmentId));
  const [created] = await tx
    .insert(taskSchedule)
    .values({
      organizationId: target.organizationId,
      componentId: target.componentId,
      environmentId: target.environmentId,
      cron: comp.schedule,
      timeZone: 'UTC',
      startingDeadlineSeconds: DEFAULT_STARTING_DEADLINE_SECONDS,
      nextRunAt: firesHere(env.driver) ? nextSlot(comp.schedule, 'UTC', new Date()) : null,
    })
    .onConflictDoNothing()
    .returning();
  return settingsOf(comp.timeout, created ?? null);
}
