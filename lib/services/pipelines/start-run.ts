import { and, eq, sql } from 'drizzle-orm';
import { pipeline, pipelineRun, pipelineSecret, pipelineStep, pipelineVariable, pipelineVersion } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { wake } from '@/lib/jobs/signal';
import { PIPELINE_RUN_KIND } from '@/lib/pipelines/engine/kind';
import { fetchPipelineYaml, openGitCredentials } from '@/lib/pipelines/git';
import { parsePipelineYaml, planPipeline } from '@/lib/pipelines/spec';
import { actorLabel, audit, type Actor, type ServiceContext } from '../context';
import { parse } from '../validation';
import { sha256 } from './create-pipeline';
import { loadPipeline } from './load';
import { startRunInput } from './schemas';
import { specInvalid } from './spec-errors';

const defaultTimeoutSeconds = 3600;

function triggerOf(actor: Actor): 'user' | 'api' {
  return actor.type === 'api-key' || (actor.type === 'user' && actor.via === 'api') ? 'api' : 'user';
}

function seconds(d: string) {
  return Number(d.slice(0, -1)) * (d.endsWith('h') ? 3600 : d.endsWith('m') ? 60 : 1);
}

/**
 * Start New Run: the current version, its parameters (defaults filled in, enum values
 * checked), its references resolved against today's variables and secrets — or a 422 with
 * positions and nothing run. The engine picks the queued run up.
 */
export async function startRun(ctx: ServiceContext, input: unknown): Promise<{ id: string; number: number; status: string }> {
  const { org, pipeline: p } = await loadPipeline(ctx, input, 'pipelines:run');
  const data = parse(startRunInput, input);
  // A Git pipeline runs the file at the branch head (read before the transaction: a slow remote must not hold the row lock).
  const head =
    p.sourceKind === 'git' && p.gitUrl && p.gitBranch && p.gitPath
      ? await fetchPipelineYaml({ url: p.gitUrl, branch: p.gitBranch, path: p.gitPath }, openGitCredentials(p.id, p.gitCredentialCiphertext))
      : undefined;
  const row = await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(pipeline).where(eq(pipeline.id, p.id)).for('update');
    let [v] = await tx.select().from(pipelineVersion).where(and(eq(pipelineVersion.pipelineId, p.id), eq(pipelineVersion.version, locked.currentVersion)));
    if (!v) throw ServiceError.conflict('The pipeline has no version to run yet.');
    if (head && sha256(head.yaml) !== v.sha256) {
      // The file changed on the branch: this run is of Version + 1 (written only if the run starts).
      [v] = await tx
        .insert(pipelineVersion)
        .values({ pipelineId: p.id, version: v.version + 1, yaml: head.yaml, sha256: sha256(head.yaml), gitCommit: head.commit, createdByLabel: actorLabel(ctx.actor) })
        .returning();
      await tx.update(pipeline).set({ currentVersion: v.version }).where(eq(pipeline.id, p.id));
    }
    const variables = (await tx.select({ n: pipelineVariable.name }).from(pipelineVariable).where(eq(pipelineVariable.pipelineId, p.id))).map((r) => r.n);
    const secrets = (await tx.select({ n: pipelineSecret.name }).from(pipelineSecret).where(eq(pipelineSecret.pipelineId, p.id))).map((r) => r.n);
    const parsed = parsePipelineYaml(v.yaml, { variables, secrets });
    if (parsed.errors) throw specInvalid(parsed.errors);
    const declared = parsed.spec.parameters ?? [];
    const fields: Record<string, string> = {};
    for (const name of Object.keys(data.parameters)) if (!declared.some((d) => d.name === name)) fields[`parameters.${name}`] = `The pipeline has no parameter "${name}".`;
    const parameters: Record<string, string> = {};
    for (const d of declared) {
      const value = data.parameters[d.name] ?? d.default;
      if (value === undefined) fields[`parameters.${d.name}`] = `"${d.displayName ?? d.name}" needs a value.`;
      else if (d.enum && !d.enum.includes(value)) fields[`parameters.${d.name}`] = `"${d.displayName ?? d.name}" is one of: ${d.enum.join(', ')}.`;
      else parameters[d.name] = value;
    }
    if (Object.keys(fields).length) throw ServiceError.invalid(Object.values(fields)[0], fields);
    const number = locked.lastRunNumber + 1;
    await tx.update(pipeline).set({ lastRunNumber: number, updatedAt: sql`now()` }).where(eq(pipeline.id, p.id));
    const [created] = await tx
      .insert(pipelineRun)
      .values({
        organizationId: org.id,
        pipelineId: p.id,
        versionId: v.id,
        version: v.version,
        number,
        parameters,
        gitCommit: head?.commit ?? null,
        trigger: triggerOf(ctx.actor),
        triggeredByLabel: actorLabel(ctx.actor),
        timeoutSeconds: parsed.spec.timeout ? seconds(parsed.spec.timeout) : defaultTimeoutSeconds,
      })
      .returning();
    // The step tree exists from the start: every step pending (the run page shows it at once).
    await tx.insert(pipelineStep).values(planPipeline(parsed.spec).flat().map((s) => ({ runId: created.id, group: s.group, index: s.index, stepId: s.id, name: s.name, attempt: 1 })));
    await audit(tx, ctx, org.id, { action: 'pipeline.run', targetType: 'pipeline', targetId: p.id, targetLabel: p.name, data: { runId: created.id, number, version: v.version, parameters: Object.keys(parameters), ...(head ? { commit: head.commit } : {}) } });
    return created;
  });
  wake(PIPELINE_RUN_KIND);
  return { id: row.id, number: row.number, status: row.status };
}
