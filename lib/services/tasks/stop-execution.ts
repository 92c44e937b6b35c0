import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { taskExecution } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { nudge } from '@/lib/jobs/signal';
import { audit, type ServiceContext } from '../context';
import { parse } from '../validation';
import { loadTask } from './load-task';
import { executionById } from './present';
import { executionIdInput } from './schemas';
import type { Execution } from './types';

/**
 * Stop: a queued execution nobody has claimed ends here; a running one is asked to stop
 * (its handler, in whichever process, stops the container with a grace period).
 */
export async function stopExecution(ctx: ServiceContext, input: unknown): Promise<Execution> {
  const { org, component, label } = await loadTask(ctx, input, 'deployments:manage');
  const { id } = parse(executionIdInput, input);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(taskExecution).where(and(eq(taskExecution.id, id), eq(taskExecution.componentId, component.id))).for('update');
    if (!row) throw ServiceError.notFound('Execution');
    if (row.status !== 'queued' && row.status !== 'running') throw ServiceError.conflict(`Execution #${row.number} has already finished (${row.status}).`);
    const now = new Date();
    const unclaimed = await tx
      .update(taskExecution)
      .set({ status: 'stopped', reason: 'Stopped on request before it started.', finishedAt: now, updatedAt: now, stopRequestedAt: now })
      .where(and(eq(taskExecution.id, id), eq(taskExecution.status, 'queued'), or(isNull(taskExecution.leaseUntil), lte(taskExecution.leaseUntil, sql`now()`))))
      .returning({ id: taskExecution.id });
    if (!unclaimed.length) {
      await tx.update(taskExecution).set({ stopRequestedAt: now, updatedAt: now }).where(and(eq(taskExecution.id, id), inArray(taskExecution.status, ['queued', 'running'])));
    }
    await audit(tx, ctx, org.id, { action: 'task.stop', targetType: 'component', targetId: component.id, targetLabel: label, data: { executionId: id, number: row.number } });
  });
  nudge(id);
  return (await executionById(ctx.db, component.id, id))!;
}
