/**
 * The Argo compiler: a parsed pipeline spec → an `argoproj.io/v1alpha1` Workflow, following the
 * mapping of the research note (§2). It starts from `planPipeline` — the same resolved steps
 * the local engine runs — so both engines agree on what a step is.
 *
 * - `entrypoint: main`; `templates[main].steps` is the list of groups (a bare step is a group
 *   of one); step names are the spec's slugs, so {{steps.<slug>…}} reads the same.
 * - A step with its own body gets a template `step-<slug>`; a step using a template `t` uses
 *   `tpl-t`, or a clone `tpl-t--<slug>` when it adds its own retryStrategy, timeout, env, image,
 *   resources, outputs or mounts (Argo keeps those on templates, not on steps).
 * - Run-time parameters become `spec.arguments.parameters` (with `enum`, `description`);
 *   variables are substituted; secrets stay in a Secret read through `secretKeyRef`, so the
 *   Workflow object (stored in etcd, shown on the pipeline page) never holds a secret value.
 * - The run deadline is `activeDeadlineSeconds`; Stop is `spec.shutdown: Stop` (./cluster.ts).
 */
import { planPipeline, type EnvVar, type PipelineSpec, type PlannedStep } from '@/lib/pipelines/spec';
import { PIPELINE_LABELS, MANAGER, RUNNER_ACCOUNT, secretEnvName, secretName, templateNames, WORKSPACE_VOLUME, workflowGenerateName, workflowName, labelValue } from './names';
import { CompileError, translate, translateDeep, type TranslateContext } from './translate';

export type Json = Record<string, unknown>;

export interface CompileInput {
  spec: PipelineSpec;
  pipeline: { id: string; name: string };
  /** Absent for the preview rendered on the pipeline page (then `generateName`). */
  run?: { id: string; number: number };
  namespace: string;
  /** Chosen run-time parameters (defaults fill the rest). */
  parameters?: Record<string, string>;
  variables?: Record<string, string>;
  /** Seconds; default: the spec's `timeout`, else 3600. */
  deadlineSeconds?: number;
  defaultImage?: string;
  /** Access mode of the shared /workspace claim. RWO is what every cluster has; parallel steps on different nodes need RWX. */
  workspaceAccessMode?: 'ReadWriteOnce' | 'ReadWriteMany';
  workspaceSize?: string;
}

export interface CompiledWorkflow {
  workflow: Json;
  /** The Secret the Workflow reads (`secretKeyRef`) and the keys it needs from it. */
  secret: { name: string; keys: string[] };
}

export const DEFAULT_DEADLINE_SECONDS = 3600;
/** nobody: the user steps run as on both engines (the local one: engine/run-pipeline.ts defaultStepUser). */
const STEP_UID = 65534;
const SECRET_EXACT = /^\{\{\s*SECRETS\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

export function durationSeconds(d: string): number {
  const n = Number(d.slice(0, -1));
  return d.endsWith('h') ? n * 3600 : d.endsWith('m') ? n * 60 : n;
}

export function compileWorkflow(input: CompileInput): CompiledWorkflow {
  const { spec, pipeline } = input;
  const variables = input.variables ?? {};
  const plan = planPipeline(spec, { defaultImage: input.defaultImage });
  refuseSecretOutputs(plan);
  const sName = secretName(pipeline);
  const secretKeys = new Set<string>();
  const templates = new Map<string, Json>();
  const hoistedOf = new Map<string, Map<string, { step: string; param: string }>>();
  const userTemplates = new Map((spec.templates ?? []).map((t) => [t.name, t]));

  const main = plan.map((group) =>
    group.map((p) => {
      const step = stepOf(spec, p);
      let tName: string;
      if (p.kind === 'publish') {
        tName = templateNames.publish;
        if (!templates.has(tName)) templates.set(tName, publishTemplate(input.defaultImage ?? p.image));
      } else if (p.template && userTemplates.has(p.template) && !overridesTemplate(step)) {
        tName = templateNames.user(p.template);
        if (!templates.has(tName)) {
          const hoist = new Map<string, { step: string; param: string }>();
          templates.set(tName, leafTemplate(tName, p, { variables, hoist, secretsUsed: new Set(), secrets: 'refuse' }, sName, secretKeys, []));
          hoistedOf.set(tName, hoist);
        }
      } else {
        tName = p.template && userTemplates.has(p.template) ? templateNames.clone(p.template, p.id) : templateNames.step(p.id);
        const hoist = new Map<string, { step: string; param: string }>();
        const extraInputs = p.template ? [] : p.arguments.map((a) => a.name);
        templates.set(tName, leafTemplate(tName, p, { variables, hoist, secretsUsed: new Set(), secrets: 'refuse' }, sName, secretKeys, extraInputs));
        hoistedOf.set(tName, hoist);
      }
      return mainStep(p, tName, hoistedOf.get(tName), variables);
    }),
  );

  const deadline = input.deadlineSeconds ?? (spec.timeout ? durationSeconds(spec.timeout) : DEFAULT_DEADLINE_SECONDS);
  const labels: Record<string, string> = { [PIPELINE_LABELS.managedBy]: MANAGER, [PIPELINE_LABELS.pipeline]: labelValue(pipeline.id) };
  if (input.run) labels[PIPELINE_LABELS.run] = labelValue(input.run.id);
  const metadata: Json = input.run
    ? { name: workflowName(pipeline, input.run.number), namespace: input.namespace, labels }
    : { generateName: workflowGenerateName(pipeline), namespace: input.namespace, labels };

  const workflow: Json = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata,
    spec: {
      entrypoint: templateNames.main,
      serviceAccountName: RUNNER_ACCOUNT,
      activeDeadlineSeconds: deadline,
      // Logs are copied into Gantry while the run goes; the cluster keeps finished runs a day.
      ttlStrategy: { secondsAfterCompletion: 86_400 },
      podMetadata: { labels },
      // As on the local engine: steps run as nobody, and fsGroup makes the /workspace claim theirs.
      securityContext: { runAsNonRoot: true, runAsUser: STEP_UID, runAsGroup: STEP_UID, fsGroup: STEP_UID },
      ...workflowArguments(spec, input.parameters ?? {}, variables),
      volumeClaimTemplates: [
        {
          metadata: { name: WORKSPACE_VOLUME },
          spec: { accessModes: [input.workspaceAccessMode ?? 'ReadWriteOnce'], resources: { requests: { storage: input.workspaceSize ?? '1Gi' } } },
        },
      ],
      ...(spec.volumes?.length ? { volumes: spec.volumes.map((v) => ({ name: v.name, emptyDir: {} })) } : {}),
      templates: [{ name: templateNames.main, steps: main }, ...templates.values()],
    },
  };
  return { workflow, secret: { name: sName, keys: [...secretKeys].sort() } };
}

/**
 * A secret output has no safe Argo form: Argo keeps every output parameter (and every resolved
 * input it feeds) in clear text in the Workflow's status — etcd, `argo get`, the Argo UI, the
 * archive. Writing it to a Kubernetes Secret instead would need the pod to hold rights to
 * create Secrets. So such a pipeline is refused for Argo, with the output named.
 */
function refuseSecretOutputs(plan: PlannedStep[][]) {
  for (const p of plan.flat()) {
    const o = p.outputs.find((x) => x.secret);
    if (o)
      throw new CompileError(
        `Step "${p.name}" has a secret output "${o.name}": secret outputs run on the local (docker) engine only — Argo Workflows keeps output parameters in clear text in the Workflow's status. For Kubernetes, set the value as a pipeline secret instead.`,
      );
  }
}

function stepOf(spec: PipelineSpec, p: PlannedStep) {
  const g = spec.steps[p.group];
  return Array.isArray(g) ? g[p.index] : g;
}

function overridesTemplate(s: ReturnType<typeof stepOf>): boolean {
  return !!(s.retryStrategy || s.timeout || s.env?.length || s.image || s.resources || s.outputs || s.volumeMounts?.length);
}

function workflowArguments(spec: PipelineSpec, chosen: Record<string, string>, variables: Record<string, string>): Json {
  const ctx: TranslateContext = { variables, secrets: 'refuse', secretsUsed: new Set() };
  const params: Json[] = [];
  for (const p of spec.parameters ?? []) {
    const value = chosen[p.name] ?? p.default ?? '';
    if (p.enum && !p.enum.includes(value)) throw new CompileError(`"${value}" is not one of the values of parameter "${p.name}" (${p.enum.join(', ')}).`);
    params.push({ name: p.name, value, ...(p.enum ? { enum: p.enum } : {}), ...(p.description || p.displayName ? { description: p.description ?? p.displayName } : {}) });
  }
  for (const a of spec.arguments?.parameters ?? []) {
    params.push({ name: a.name, value: a.yamlObject !== undefined ? JSON.stringify(translateDeep(a.yamlObject, ctx)) : translate(a.value ?? '', ctx) });
  }
  return params.length ? { arguments: { parameters: params } } : {};
}

function mainStep(p: PlannedStep, template: string, hoisted: Map<string, { step: string; param: string }> | undefined, variables: Record<string, string>): Json {
  const ctx: TranslateContext = { variables, secrets: 'refuse', secretsUsed: new Set() };
  // The publish resource's secrets become markers the control plane fills in; the pod never reads them.
  const publishCtx: TranslateContext = { ...ctx, secrets: 'marker', secretsUsed: new Set() };
  const params: Json[] = p.arguments.map((a) => ({
    name: a.name,
    value: a.yamlObject !== undefined ? JSON.stringify(translateDeep(a.yamlObject, p.kind === 'publish' ? publishCtx : ctx)) : translate(a.value ?? '', ctx),
  }));
  for (const [name, ref] of hoisted ?? []) params.push({ name, value: `{{steps.${ref.step}.outputs.parameters.${ref.param}}}` });
  const step: Json = { name: p.id, template };
  if (params.length) step.arguments = { parameters: params };
  if (p.when) step.when = translate(p.when, ctx);
  if (p.continueOn.failed || p.continueOn.error) step.continueOn = { ...(p.continueOn.failed ? { failed: true } : {}), ...(p.continueOn.error ? { error: true } : {}) };
  return step;
}

function leafTemplate(name: string, p: PlannedStep, base: TranslateContext, sName: string, secretKeys: Set<string>, extraInputs: string[]): Json {
  const shell: TranslateContext = { ...base, secrets: 'shell' };
  const envCtx: TranslateContext = { ...base, secrets: 'k8s-env' };
  const plain: TranslateContext = { ...base, secrets: 'refuse' };
  const direct = new Set<string>();

  const envOf = (env: EnvVar[]) =>
    env.map((e) => {
      const exact = SECRET_EXACT.exec(e.value);
      if (exact) {
        direct.add(exact[1]);
        return { name: e.name, valueFrom: { secretKeyRef: { name: sName, key: exact[1] } } };
      }
      return { name: e.name, value: translate(e.value, envCtx) };
    });
  const withSecretEnv = (env: Json[]) => {
    const used = new Set([...shell.secretsUsed, ...envCtx.secretsUsed]);
    for (const s of [...used, ...direct]) secretKeys.add(s);
    // Entries Kubernetes expands $(GANTRY_SECRET_X) from must come first.
    return [...[...used].sort().map((s) => ({ name: secretEnvName(s), valueFrom: { secretKeyRef: { name: sName, key: s } } })), ...env];
  };
  const mounts = [{ name: WORKSPACE_VOLUME, mountPath: '/workspace' }, ...p.volumeMounts.map((m) => ({ name: m.name, mountPath: m.mountPath }))];
  const resources = p.resources ? { resources: p.resources } : {};

  const t: Json = { name };
  let body: Json;
  if (p.kind === 'containerSet') {
    const containers = p.containers.map((c, i) => {
      const env = envOf(c.env);
      return {
        name: c.name,
        image: c.image,
        ...(c.command ? { command: c.command.map((w) => translate(w, plain)) } : {}),
        ...(c.args ? { args: c.args.map((w) => translate(w, plain)) } : {}),
        env,
        // Locally a set runs in order; the same here.
        ...(i > 0 ? { dependencies: [p.containers[i - 1].name] } : {}),
      };
    });
    const finished = containers.map((c) => ({ ...c, env: withSecretEnv(c.env as Json[]) }));
    body = { containerSet: { volumeMounts: mounts, containers: finished } };
  } else {
    const source = translate(p.source, shell);
    const env = envOf(p.env);
    body = { script: { image: p.image, command: p.command, source, env: withSecretEnv(env), volumeMounts: mounts, ...resources } };
  }

  const inputNames = new Set<string>();
  const inputs: Json[] = [];
  for (const i of p.inputs) {
    inputNames.add(i.name);
    inputs.push({ name: i.name, ...(i.default !== undefined ? { default: translate(i.default, plain) } : {}), ...(i.value !== undefined ? { value: translate(i.value, plain) } : {}) });
  }
  for (const n of [...extraInputs, ...(base.hoist?.keys() ?? [])]) {
    if (inputNames.has(n)) continue;
    inputNames.add(n);
    inputs.push({ name: n });
  }
  if (inputs.length) t.inputs = { parameters: inputs };
  if (p.outputs.length) t.outputs = { parameters: p.outputs.map((o) => ({ name: o.name, valueFrom: { path: o.path } })) };
  if (p.retryStrategy) {
    const r = p.retryStrategy;
    // IntOrString fields are strings in Argo's published schema.
    t.retryStrategy = {
      limit: String(r.limit),
      retryPolicy: r.retryPolicy ?? 'OnFailure',
      ...(r.backoff ? { backoff: { ...(r.backoff.duration ? { duration: r.backoff.duration } : {}), ...(r.backoff.factor !== undefined ? { factor: String(r.backoff.factor) } : {}), ...(r.backoff.maxDuration ? { maxDuration: r.backoff.maxDuration } : {}) } } : {}),
    };
  }
  if (p.timeout) t.timeout = p.timeout;
  return { ...t, ...body };
}

/** The publish step: a no-op container holding the resource as its input; the control plane reads it from node status. */
function publishTemplate(image: string): Json {
  return { name: templateNames.publish, inputs: { parameters: [{ name: 'resource' }] }, container: { image, command: ['true'] } };
}
