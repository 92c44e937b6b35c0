import { and, eq } from 'drizzle-orm';
import { pipeline, pipelineRun, type PipelineRow } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { authorize, type Authorized, type ServiceContext } from '../context';
import type { Permission } from '../roles';
import { isUuid, parse } from '../validation';
import { pipelinePathOnly } from './schemas';
import type { Tx } from '@/db/client';

/** Authorizes, then finds the pipeline by name in the organisation. */
export async function loadPipeline(ctx: ServiceContext, input: unknown, permission: Permission): Promise<Authorized & { pipeline: PipelineRow }> {
  const path = parse(pipelinePathOnly, input);
  const auth = await authorize(ctx, path.org, permission);
  const [row] = await ctx.db.select().from(pipeline).where(and(eq(pipeline.organizationId, auth.org.id), eq(pipeline.name, path.pipeline)));
  if (!row) throw ServiceError.notFound(`Pipeline "${path.pipeline}"`);
  return { ...auth, pipeline: row };
}

/** A run of the pipeline, by id or number. */
export async function findRun(db: Tx, pipelineId: string, ref: string | number) {
  const byId = typeof ref === 'string' && isUuid(ref);
  const [row] = await db
    .select()
    .from(pipelineRun)
    .where(and(eq(pipelineRun.pipelineId, pipelineId), byId ? eq(pipelineRun.id, String(ref)) : eq(pipelineRun.number, Number(ref))));
  if (!row) throw ServiceError.notFound('Run');
  return row;
}
