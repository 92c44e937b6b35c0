import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { pipelineRun, pipelineStep } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { nudge } from '@/lib/jobs/signal';
import { audit, type ServiceContext } from '../context';
import { parse } from '../validation';
import { findRun, loadPipeline } from './load';
import { presentRun, type RunView } from './present';
import { runInput } from './schemas';

/**
 * Stop Run: a queued run nobody has claimed ends here; a running one is asked to stop (its
 * handler, in whichever process, stops running steps with a grace period and skips the rest).
 */
export async function stopRun(ctx: ServiceContext, input: unknown): Promise<RunView> {
  const { org, pipeline: p } = await loadPipeline(ctx, input, 'pipelines:run');
  const { run } = parse(runInput, input);
  const row = await ctx.db.transaction(async (tx) => {
    const r = await findRun(tx, p.id, run);
    if (r.status !== 'queued' && r.status !== 'running') throw ServiceError.conflict(`Run #${r.number} has already finished (${r.status}).`);
    const now = new Date();
    const unclaimed = await tx
      .update(pipelineRun)
      .set({ status: 'stopped', reason: 'Stopped on request before it started.', finishedAt: now, updatedAt: now, stopRequestedAt: now })
      .where(and(eq(pipelineRun.id, r.id), eq(pipelineRun.status, 'queued'), or(isNull(pipelineRun.leaseUntil), lte(pipelineRun.leaseUntil, sql`now()`))))
      .returning();
    if (unclaimed.length) await tx.update(pipelineStep).set({ status: 'skipped', message: 'The run was stopped.', finishedAt: now }).where(and(eq(pipelineStep.runId, r.id), eq(pipelineStep.status, 'pending')));
    const [updated] = unclaimed.length ? unclaimed : await tx.update(pipelineRun).set({ stopRequestedAt: now, updatedAt: now }).where(and(eq(pipelineRun.id, r.id), inArray(pipelineRun.status, ['queued', 'running']))).returning();
    await audit(tx, ctx, org.id, { action: 'pipeline.stop', targetType: 'pipeline', targetId: p.id, targetLabel: p.name, data: { runId: r.id, number: r.number } });
    return updated ?? r;
  });
  nudge(row.id);
  return presentRun(row);
}
