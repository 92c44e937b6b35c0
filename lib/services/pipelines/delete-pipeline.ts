import { and, eq, inArray } from 'drizzle-orm';
import { pipeline, pipelineRun } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { parse } from '../validation';
import { loadPipeline } from './load';
import { pipelinePathOnly } from './schemas';

/** Deletes the pipeline with its versions, inputs and runs (stored logs are pruned by retention). Refused while a run is live. */
export async function deletePipeline(ctx: ServiceContext, input: unknown): Promise<void> {
  const { org, pipeline: p } = await loadPipeline(ctx, input, 'pipelines:manage');
  parse(pipelinePathOnly, input);
  await ctx.db.transaction(async (tx) => {
    const live = await tx.select({ n: pipelineRun.number }).from(pipelineRun).where(and(eq(pipelineRun.pipelineId, p.id), inArray(pipelineRun.status, ['queued', 'running'])));
    if (live.length) throw ServiceError.conflict(`Run #${live[0].n} is still going: stop it first.`);
    await tx.delete(pipeline).where(eq(pipeline.id, p.id));
    await audit(tx, ctx, org.id, { action: 'pipeline.delete', targetType: 'pipeline', targetId: p.id, targetLabel: p.name });
  });
}
