import { and, desc, eq } from 'drizzle-orm';
import { pipelineVersion } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { loadPipeline } from './load';
import { versionInput } from './schemas';

export async function listVersions(ctx: ServiceContext, input: unknown) {
  const { pipeline: p } = await loadPipeline(ctx, input, 'org:read');
  const rows = await ctx.db.select().from(pipelineVersion).where(eq(pipelineVersion.pipelineId, p.id)).orderBy(desc(pipelineVersion.version));
  return rows.map((v) => ({ version: v.version, gitCommit: v.gitCommit, createdBy: v.createdByLabel, createdAt: v.createdAt.toISOString() }));
}

export async function getVersion(ctx: ServiceContext, input: unknown) {
  const { pipeline: p } = await loadPipeline(ctx, input, 'org:read');
  const { version } = parse(versionInput, input);
  const [v] = await ctx.db.select().from(pipelineVersion).where(and(eq(pipelineVersion.pipelineId, p.id), eq(pipelineVersion.version, version)));
  if (!v) throw ServiceError.notFound(`Version ${version}`);
  return { version: v.version, yaml: v.yaml, gitCommit: v.gitCommit, createdBy: v.createdByLabel, createdAt: v.createdAt.toISOString() };
}
