import { eq } from 'drizzle-orm';
import { taskSchedule } from '@/db/schema';
import { nextSlot } from '@/lib/jobs/executions/slots';
import { wake } from '@/lib/jobs/signal';
import { audit, type ServiceContext } from '../context';
import { redeployActive } from '../configs/redeploy-active';
import { parse } from '../validation';
import { loadTask, taskEnvironment } from './load-task';
import { scheduleView } from './schedule-view';
import { setScheduleInput } from './schemas';
import { firesHere } from './task-settings';
import type { Schedule } from './types';

/**
 * Sets the schedule of a scheduled task in one environment (time zone, cron, concurrency
 * policy, starting deadline). On a docker plane the control plane's scheduler uses it from
 * the next slot on; on a Kubernetes plane the active release is redeployed so its CronJob
 * carries it. Either way the next deployment records it.
 */
export async function setSchedule(ctx: ServiceContext, input: unknown): Promise<Schedule> {
  const { org, component, label } = await loadTask(ctx, input, 'deployments:manage', { scheduled: true });
  const data = parse(setScheduleInput, input);
  const env = await taskEnvironment(ctx.db, org.id, data.environment);
  const now = new Date();
  const { row, redeployed } = await ctx.db.transaction(async (tx) => {
    const values = { cron: data.cron, timeZone: data.timeZone, concurrencyPolicy: data.concurrencyPolicy, startingDeadlineSeconds: data.startingDeadlineSeconds, updatedAt: now };
    const [saved] = await tx
      .insert(taskSchedule)
      .values({ organizationId: org.id, componentId: component.id, environmentId: env.id, ...values, nextRunAt: firesHere(env.driver) ? nextSlot(data.cron, data.timeZone, now) : null })
      .onConflictDoUpdate({ target: [taskSchedule.componentId, taskSchedule.environmentId], set: values })
      .returning();
    // Unless told, a paused schedule stays paused; an active one counts from now in its new zone.
    const paused = data.paused ?? saved.paused;
    const nextRunAt = paused || !firesHere(env.driver) ? null : nextSlot(data.cron, data.timeZone, now);
    const [row] = await tx.update(taskSchedule).set({ paused, nextRunAt }).where(eqId(saved.id)).returning();
    await audit(tx, ctx, org.id, { action: 'task.schedule.set', targetType: 'component', targetId: component.id, targetLabel: label, data: { environment: env.name, cron: data.cron, timeZone: data.timeZone, concurrencyPolicy: data.concurrencyPolicy, startingDeadlineSeconds: data.startingDeadlineSeconds, paused } });
    const redeployed = firesHere(env.driver) ? [] : await redeployActive(tx, ctx, { organizationId: org.id, componentId: component.id, componentLabel: label, environmentId: env.id });
    return { row, redeployed };
  });
  if (redeployed.length) wake('deployment');
  wake('schedule');
  return scheduleView(ctx.db, row);
}

const eqId = (id: string) => eq(taskSchedule.id, id);
