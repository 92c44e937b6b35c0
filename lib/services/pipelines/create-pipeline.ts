import { createHash } from 'node:crypto';
import { pipeline, pipelineVersion } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { parsePipelineYaml } from '@/lib/pipelines/spec';
import { actorLabel, audit, authorize, type ServiceContext } from '../context';
import { isUniqueViolation, parse } from '../validation';
import { presentPipeline, type PipelineView } from './present';
import { createPipelineInput } from './schemas';
import { specInvalid } from './spec-errors';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** + Create with the YAML editor: the pipeline and its version 1, if the YAML validates. */
export async function createPipeline(ctx: ServiceContext, input: unknown): Promise<PipelineView> {
  const { org } = await authorize(ctx, parse(createPipelineInput.pick({ org: true }).loose(), input).org, 'pipelines:manage');
  const data = parse(createPipelineInput, input);
  // Variables and secrets do not exist yet: references to them are checked when they do (at run start).
  const parsed = parsePipelineYaml(data.source.yaml);
  if (parsed.errors) throw specInvalid(parsed.errors);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [p] = await tx
        .insert(pipeline)
        .values({ organizationId: org.id, name: data.name, displayName: data.displayName ?? data.name, description: data.description, sourceKind: 'inline', currentVersion: 1 })
        .returning();
      await tx.insert(pipelineVersion).values({ pipelineId: p.id, version: 1, yaml: data.source.yaml, sha256: sha256(data.source.yaml), createdByLabel: actorLabel(ctx.actor) });
      await audit(tx, ctx, org.id, { action: 'pipeline.create', targetType: 'pipeline', targetId: p.id, targetLabel: p.name, data: { source: 'inline' } });
      return presentPipeline(tx, p);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw ServiceError.conflict(`A pipeline named "${data.name}" already exists.`);
    throw e;
  }
}
