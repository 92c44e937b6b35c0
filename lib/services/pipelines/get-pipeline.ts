import { asc, eq } from 'drizzle-orm';
import { pipeline } from '@/db/schema';
import { authorize, type ServiceContext } from '../context';
import { parse } from '../validation';
import { loadPipeline } from './load';
import { presentPipeline, type PipelineView } from './present';
import { orgOnly } from './schemas';

export async function getPipeline(ctx: ServiceContext, input: unknown): Promise<PipelineView> {
  const { pipeline: p } = await loadPipeline(ctx, input, 'org:read');
  return presentPipeline(ctx.db, p);
}

export async function listPipelines(ctx: ServiceContext, input: unknown): Promise<{ id: string; name: string; displayName: string; description: string; source: string; version: number }[]> {
  const { org } = await authorize(ctx, parse(orgOnly, input).org, 'org:read');
  const rows = await ctx.db.select().from(pipeline).where(eq(pipeline.organizationId, org.id)).orderBy(asc(pipeline.name));
  return rows.map((p) => ({ id: p.id, name: p.name, displayName: p.displayName, description: p.description, source: p.sourceKind, version: p.currentVersion }));
}
