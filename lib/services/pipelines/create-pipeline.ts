import { createHash, randomUUID } from 'node:crypto';
import { pipeline, pipelineVersion } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { fetchPipelineYaml, sealGitCredentials } from '@/lib/pipelines/git';
import { parsePipelineYaml } from '@/lib/pipelines/spec';
import { actorLabel, audit, authorize, type ServiceContext } from '../context';
import { isUniqueViolation, parse } from '../validation';
import { presentPipeline, type PipelineView } from './present';
import { createPipelineInput } from './schemas';
import { specInvalid } from './spec-errors';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * + Create: with the YAML editor, or imported from Git (the file at the branch head is read
 * now; it must validate, like an inline one). The pipeline and its version 1.
 */
export async function createPipeline(ctx: ServiceContext, input: unknown): Promise<PipelineView> {
  const { org } = await authorize(ctx, parse(createPipelineInput.pick({ org: true }).loose(), input).org, 'pipelines:manage');
  const data = parse(createPipelineInput, input);
  const source = data.source;
  const id = randomUUID();
  const fetched = source.kind === 'git' ? await fetchPipelineYaml({ url: source.url, branch: source.branch, path: source.path }, source.credentials) : { yaml: source.yaml, commit: null };
  // Variables and secrets do not exist yet: references to them are checked when they do (at run start).
  const parsed = parsePipelineYaml(fetched.yaml);
  if (parsed.errors) throw specInvalid(parsed.errors);
  const git =
    source.kind === 'git'
      ? { gitUrl: source.url, gitBranch: source.branch, gitPath: source.path, gitCredentialCiphertext: source.credentials ? sealGitCredentials(id, source.credentials) : null }
      : {};
  try {
    return await ctx.db.transaction(async (tx) => {
      const [p] = await tx
        .insert(pipeline)
        .values({ id, organizationId: org.id, name: data.name, displayName: data.displayName ?? data.name, description: data.description, sourceKind: source.kind, currentVersion: 1, ...git })
        .returning();
      await tx.insert(pipelineVersion).values({ pipelineId: p.id, version: 1, yaml: fetched.yaml, sha256: sha256(fetched.yaml), gitCommit: fetched.commit, createdByLabel: actorLabel(ctx.actor) });
      await audit(tx, ctx, org.id, { action: 'pipeline.create', targetType: 'pipeline', targetId: p.id, targetLabel: p.name, data: { source: source.kind, ...(fetched.commit ? { commit: fetched.commit } : {}) } });
      return presentPipeline(tx, p);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw ServiceError.conflict(`A pipeline named "${data.name}" already exists.`);
    throw e;
  }
}
