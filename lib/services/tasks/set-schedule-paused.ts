import { eq } from 'drizzle-orm';
import { taskSchedule } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { nextSlot } from '@/lib/jobs/executions/slots';
import { audit, type ServiceContext } from '../context';
import { redeployActive } from '../configs/redeploy-active';
import { wake } from '@/lib/jobs/signal';
import { parse } from '../validation';
import { loadTask, taskEnvironment } from './load-task';
import { scheduleRow, scheduleView } from './schedule-view';
import { setSchedulePausedInput } from './schemas';
import { firesHere } from './task-settings';
import type { Schedule } from './types';

/** Pause / Resume: a paused schedule fires nothing; resuming starts from the next slot after now (nothing is caught up). */
export async function setSchedulePaused(ctx: ServiceContext, input: unknown): Promise<Schedule> {
  const { org, component, label } = await loadTask(ctx, input, 'deployments:manage', { scheduled: true });
  const data = parse(setSchedulePausedInput, input);
  const env = await taskEnvironment(ctx.db, org.id, data.environment);
  const existing = await scheduleRow(ctx.db, component.id, env.id);
  if (!existing) throw ServiceError.conflict(`${component.name} has no schedule in ${env.name} yet: deploy it there first.`);
  const { row, redeployed } = await ctx.db.transaction(async (tx) => {
    const nextRunAt = data.paused || !firesHere(env.driver) ? null : nextSlot(existing.cron, existing.timeZone, new Date());
    const [row] = await tx.update(taskSchedule).set({ paused: data.paused, nextRunAt, updatedAt: new Date() }).where(eq(taskSchedule.id, existing.id)).returning();
    await audit(tx, ctx, org.id, { action: data.paused ? 'task.schedule.pause' : 'task.schedule.resume', targetType: 'component', targetId: component.id, targetLabel: label, data: { environment: env.name } });
    // Kubernetes: the CronJob's `suspend` follows on the redeploy.
    const redeployed = firesHere(env.driver) ? [] : await redeployActive(tx, ctx, { organizationId: org.id, componentId: component.id, componentLabel: label, environmentId: env.id });
    return { row, redeployed };
  });
  if (redeployed.length) wake('deployment');
  return scheduleView(ctx.db, row);
}
