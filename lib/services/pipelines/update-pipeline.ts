import { and, eq, sql } from 'drizzle-orm';
import { pipeline, pipelineVersion } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { parsePipelineYaml } from '@/lib/pipelines/spec';
import { actorLabel, audit, type ServiceContext } from '../context';
import { parse } from '../validation';
import { sha256 } from './create-pipeline';
import { loadPipeline } from './load';
import { presentPipeline, type PipelineView } from './present';
import { updatePipelineInput } from './schemas';
import { specInvalid } from './spec-errors';

/** Saves an edit: new YAML is Version + 1 (unchanged YAML is no new version); name and description in place. */
export async function updatePipeline(ctx: ServiceContext, input: unknown): Promise<PipelineView> {
  const { org, pipeline: p } = await loadPipeline(ctx, input, 'pipelines:manage');
  const data = parse(updatePipelineInput, input);
  if (data.yaml !== undefined && p.sourceKind !== 'inline') throw ServiceError.conflict('A Git pipeline runs the file in its repository: change it there.');
  if (data.yaml !== undefined) {
    const parsed = parsePipelineYaml(data.yaml);
    if (parsed.errors) throw specInvalid(parsed.errors);
  }
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(pipeline).where(eq(pipeline.id, p.id)).for('update');
    let version = locked.currentVersion;
    if (data.yaml !== undefined) {
      const [cur] = await tx.select({ sha: pipelineVersion.sha256 }).from(pipelineVersion).where(and(eq(pipelineVersion.pipelineId, p.id), eq(pipelineVersion.version, version)));
      if (cur?.sha !== sha256(data.yaml)) {
        version += 1;
        await tx.insert(pipelineVersion).values({ pipelineId: p.id, version, yaml: data.yaml, sha256: sha256(data.yaml), createdByLabel: actorLabel(ctx.actor) });
      }
    }
    const [updated] = await tx
      .update(pipeline)
      .set({ currentVersion: version, ...(data.displayName ? { displayName: data.displayName } : {}), ...(data.description !== undefined ? { description: data.description } : {}), updatedAt: sql`now()` })
      .where(eq(pipeline.id, p.id))
      .returning();
    await audit(tx, ctx, org.id, { action: 'pipeline.update', targetType: 'pipeline', targetId: p.id, targetLabel: p.name, data: { version, yamlChanged: version !== locked.currentVersion } });
    return presentPipeline(tx, updated);
  });
}
