/**
 * Names and labels of what a pipeline becomes on Kubernetes. Pure and deterministic: the same
 * pipeline and run always give the same names, so server-side apply updates instead of adding.
 */
import { LABELS, MANAGER, shortHash } from '@/lib/dataplane/kubernetes/names';

export const PIPELINE_LABELS = {
  managedBy: LABELS.managedBy,
  pipeline: 'gantry.dev/pipeline',
  run: 'gantry.dev/pipeline-run',
} as const;
export { MANAGER };

/** The ServiceAccount (and Role, RoleBinding) every Workflow pod runs as: Argo's executor needs it. */
export const RUNNER_ACCOUNT = 'gantry-pipeline-runner';
/** The shared /workspace claim of a run (Argo volumeClaimTemplates). */
export const WORKSPACE_VOLUME = 'workspace';

const slug = (raw: string) =>
  raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** A DNS-1123 label-ish id for a pipeline: its slug name, clipped, plus a hash of its id. */
function pipelineKey(pipeline: { id: string; name: string }): string {
  return `${slug(pipeline.name).slice(0, 30).replace(/-+$/, '') || 'pipeline'}-${shortHash(pipeline.id, 6)}`;
}

/** The Workflow's name: one per run ("deploy-db-k3x9a1-7"). */
export function workflowName(pipeline: { id: string; name: string }, runNumber: number): string {
  return `${pipelineKey(pipeline)}-${runNumber}`;
}

/** The prefix used when no run exists yet (the rendered preview: `generateName`). */
export function workflowGenerateName(pipeline: { id: string; name: string }): string {
  return `${pipelineKey(pipeline)}-`;
}

/** The Secret holding the pipeline's secrets referenced by the Workflow (research note: gantry-pipeline-<id>). */
export function secretName(pipeline: { id: string }): string {
  return `gantry-pipeline-${shortHash(pipeline.id, 12)}`;
}

/** Environment variable a secret is injected as, where a script or an env value embeds it. */
export function secretEnvName(secret: string): string {
  return `GANTRY_SECRET_${secret}`;
}

/** Template names: user templates, per-step bodies and per-step clones of user templates never collide. */
export const templateNames = {
  main: 'main',
  publish: 'publish',
  user: (t: string) => `tpl-${slug(t)}`,
  clone: (t: string, stepId: string) => `tpl-${slug(t)}--${stepId}`,
  step: (stepId: string) => `step-${stepId}`,
};

/** The input a leaf template gets for a `{{steps.S.outputs.parameters.P}}` it uses (Argo resolves those only in the steps template). */
export function hoistedInput(step: string, param: string): string {
  return `from-${step}--${param}`;
}

export function labelValue(v: string): string {
  const s = v.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return s;
}
