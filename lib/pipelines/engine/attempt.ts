import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { logChunk, pipelineStep, type PipelineStepRow, type PipelineStepStatus } from '@/db/schema';
import { runContainerName } from '@/lib/dataplane/docker/run-job';
import { RolloutError, type JobRunner, type JobRunSpec, type WorkloadIdentity } from '@/lib/dataplane/types';
import { LogWriter, type LogOwner } from '@/lib/jobs/executions/logs';
import { minLength, type SecretMasker } from '../mask';
import { publishResourceHook } from '../publish-hook';
import { sealStepOutputs } from '../secrets';
import { evaluateWhen, publishResource, WhenError, type PlannedStep } from '../spec';
import { stepPullAuth } from './pull-auth';
import { MissingValue, refersToSecret, SecretEnv, substitute, substituteDeep, type RunValues } from './substitute';

/** The run-wide state every attempt shares: stop requests, the workspace, the secrets to mask. */
export interface RunControl {
  stopping?: { status: 'stopped' | 'timed_out'; reason: string };
  /** Called when a stop is requested; returns an unsubscribe. */
  onStop(cb: () => void): () => void;
}

export interface AttemptEnv {
  db: Db;
  runner: JobRunner;
  orgId: string;
  runId: string;
  actorLabel: string;
  identity: WorkloadIdentity;
  labels: Record<string, string>;
  /** "uid:gid" every step container runs as (non-root). */
  user: string;
  volumes: { name: string; target: string }[];
  /** Volume name of each declared pipeline volume. */
  volumeNames: Record<string, string>;
  masker: SecretMasker;
  values: RunValues;
  control: RunControl;
  graceSeconds: number;
  /** Aborts when the engine stops: the attempt detaches and its container runs on. */
  detach: AbortSignal;
}

export interface AttemptOutcome {
  status: Exclude<PipelineStepStatus, 'pending' | 'running'>;
  exitCode: number | null;
  message: string | null;
  /** Unmasked values, secret ones included, for later steps of this process. */
  outputs: Record<string, string>;
  /** What is stored as the row's outputs (plain ones, masked; the publish record). */
  stored: Record<string, unknown>;
  /** Secret outputs, encrypted (name → ciphertext): the row's secret_outputs, read back after a restart. */
  sealed?: Record<string, string>;
}

export const maxOutputBytes = 256 * 1024;

const stepLogOwner: LogOwner = {
  kind: 'step',
  stored: (tx, id, lines) => tx.update(pipelineStep).set({ logLines: lines }).where(eq(pipelineStep.id, id)),
};

export function attemptContainerIds(row: Pick<PipelineStepRow, 'id'>, step: PlannedStep): string[] {
  return step.kind === 'containerSet' ? step.containers.map((_, k) => `${row.id}-${k}`) : [row.id];
}

function parseDuration(d: string): number {
  const n = Number(d.slice(0, -1));
  return n * (d.endsWith('h') ? 3600 : d.endsWith('m') ? 60 : 1);
}
export { parseDuration };

/**
 * Inputs of the step: its template's defaults and fixed values, then the arguments it passes.
 * An argument that uses a secret output makes its input secret (references.ts allowed it only
 * there, and the input only where a secret may go).
 */
function inputsOf(step: PlannedStep, v: RunValues): Pick<RunValues, 'inputs' | 'secretInputs'> {
  const inputs: Record<string, string> = {};
  const secretInputs = new Set<string>();
  for (const p of step.inputs) {
    const given = p.value ?? p.default;
    if (given !== undefined) inputs[p.name] = substitute(given, v, 'env-ref');
  }
  for (const a of step.arguments) {
    if (a.yamlObject !== undefined) {
      inputs[a.name] = JSON.stringify(substituteDeep(a.yamlObject, { ...v, secrets: {}, secretOutputs: undefined, outputs: withoutSecretOutputs(v) }));
      continue;
    }
    inputs[a.name] = substitute(a.value ?? '', v, 'value');
    if (refersToSecret(a.value ?? '', v)) secretInputs.add(a.name);
  }
  return { inputs, secretInputs };
}

/** Earlier outputs without the secret ones (for places a secret may not go: a reference to one is then "has no value"). */
function withoutSecretOutputs(v: RunValues): RunValues['outputs'] {
  return Object.fromEntries(Object.entries(v.outputs).map(([step, outs]) => [step, Object.fromEntries(Object.entries(outs).filter(([name]) => !v.secretOutputs?.has(`${step}.${name}`)))]));
}

/**
 * The attempt's stored log lines, masked again with what the masker knows now: a step that
 * printed the secret it then wrote as an output has it masked in storage as soon as it is read.
 */
async function remaskStoredLog(db: Db, rowId: string, masker: SecretMasker) {
  const chunks = await db.select({ id: logChunk.id, lines: logChunk.lines }).from(logChunk).where(and(eq(logChunk.ownerKind, 'step'), eq(logChunk.ownerId, rowId)));
  for (const c of chunks) {
    const lines = c.lines.map((l) => ({ ...l, text: masker.mask(l.text) }));
    if (lines.some((l, i) => l.text !== c.lines[i].text)) await db.update(logChunk).set({ lines }).where(eq(logChunk.id, c.id));
  }
}

/**
 * Runs one attempt of one step to its end (or re-attaches to its container after a restart):
 * `when`, the publish hook, or the container(s) with logs masked and stored, a step timeout,
 * Stop, exit code → status, outputs read from the exited container. The caller records the
 * outcome and removes the containers.
 */
export async function runAttempt(env: AttemptEnv, step: PlannedStep, row: PipelineStepRow): Promise<AttemptOutcome | 'detached'> {
  const fail = (status: AttemptOutcome['status'], message: string, exitCode: number | null = null): AttemptOutcome => ({ status, exitCode, message: env.masker.mask(message), outputs: {}, stored: {} });
  let values: RunValues;
  try {
    // The publish step resolves its resource itself (secrets included, by the control plane): no container inputs.
    values = step.kind === 'publish' ? env.values : { ...env.values, ...inputsOf(step, env.values) };
    if (step.when !== undefined && row.status === 'pending') {
      // 'env-ref' with nowhere to put a secret: a secret value never decides (or shows in) a when.
      const expr = substitute(step.when, values, 'env-ref');
      if (!evaluateWhen(expr)) return { status: 'skipped', exitCode: null, message: env.masker.mask(`Skipped: when "${expr}" is false.`), outputs: {}, stored: {} };
    }
  } catch (e) {
    if (e instanceof MissingValue || e instanceof WhenError) return fail('error', e.message);
    throw e;
  }

  if (step.kind === 'publish') return publish(env, step, values);

  // Private step images: the organisation's registry for the image's host lends its credentials.
  const images = step.kind === 'containerSet' ? step.containers.map((c) => c.image) : [step.image];
  const pullAuth = new Map(await Promise.all([...new Set(images)].map(async (i) => [i, await stepPullAuth(env.db, env.orgId, i)] as const)));
  let specs: JobRunSpec[];
  try {
    const baseEnv = Object.fromEntries(step.env.map((e) => [e.name, substitute(e.value, values, 'value')]));
    // Secret values the script refers to reach it as env vars, not in its text.
    const secretEnv = new SecretEnv();
    const source = substitute(step.source, values, 'env-ref', secretEnv);
    Object.assign(baseEnv, secretEnv.vars);
    const mounts = [...env.volumes, ...step.volumeMounts.map((m) => ({ name: env.volumeNames[m.name], target: m.mountPath }))];
    const make = (runId: string, image: string, envs: Record<string, string>, command: string[] | undefined, args: string[], files: { path: string; content: string }[]): JobRunSpec => ({
      runId,
      args,
      timeoutSeconds: step.timeout ? parseDuration(step.timeout) : 0,
      volumes: mounts,
      workingDir: '/workspace',
      user: env.user,
      labels: { ...env.labels, 'gantry.pipeline-step': step.id, 'gantry.pipeline-attempt': String(row.attempt) },
      workload: { identity: env.identity, type: 'manual-task', image, pullAuth: pullAuth.get(image) ?? { kind: 'none' }, ports: [], env: envs, files, command },
    });
    const ids = attemptContainerIds(row, step);
    specs =
      step.kind === 'containerSet'
        ? step.containers.map((c, k) => {
            const cEnv = Object.fromEntries(c.env.map((e) => [e.name, substitute(e.value, values, 'value')]));
            // argv: 'env-ref' without a SecretEnv refuses a secret value (the spec parser already did).
            const sub = (xs?: string[]) => xs?.map((x) => substitute(x, values, 'env-ref'));
            return make(ids[k], c.image, { ...baseEnv, ...cEnv }, sub(c.command), sub(c.args) ?? [], []);
          })
        : [make(ids[0], step.image, baseEnv, step.command, ['/gantry/script'], [{ path: '/gantry/script', content: source }])];
  } catch (e) {
    if (e instanceof MissingValue) return fail('error', e.message);
    throw e;
  }

  if (row.status === 'pending') {
    const startedAt = new Date();
    await env.db.update(pipelineStep).set({ status: 'running', startedAt, containerId: runContainerName(specs[0].runId) }).where(eq(pipelineStep.id, row.id));
  }

  let current: string | undefined;
  let timedOut = false;
  const stopCurrent = () => current && void env.runner.stop(current, env.graceSeconds).catch(() => undefined);
  const unsubscribe = env.control.onStop(stopCurrent);
  const startedAt = (row.startedAt ?? new Date()).getTime();
  const timer = step.timeout
    ? setTimeout(() => {
        timedOut = true;
        stopCurrent();
      }, Math.max(0, startedAt + parseDuration(step.timeout) * 1000 - Date.now()))
    : undefined;
  const logs = new LogWriter(env.db, row.id, row.logLines, 100, stepLogOwner);
  let exitCode: number | null = null;
  let startError: string | undefined;
  try {
    for (const [k, spec] of specs.entries()) {
      if (env.control.stopping || timedOut) break;
      current = spec.runId;
      const state = await env.runner.state(spec.runId);
      if (state.state === 'exited' && k < specs.length - 1) {
        exitCode = state.exitCode;
        if (exitCode !== 0) break;
        continue; // a member of a container set that finished before a restart
      }
      if (state.state === 'absent') {
        try {
          await env.runner.start(spec);
        } catch (e) {
          // A pull refused or an image missing is this step's error (retried under OnError); a flaky engine retries the run.
          if (!(e instanceof RolloutError) || e.transient) throw e;
          startError = e.message;
          break;
        }
      }
      if (env.control.stopping) stopCurrent();
      const prefix = specs.length > 1 ? `[${step.containers[k].name}] ` : '';
      const following = env.runner
        .follow(spec.runId, { skip: k === 0 ? row.logLines : 0, onLine: (l) => logs.push({ stream: l.stream, text: env.masker.mask(prefix + l.text) }), signal: env.detach })
        .catch(() => undefined);
      try {
        exitCode = await env.runner.wait(spec.runId, env.detach);
      } catch (e) {
        if (env.detach.aborted) return 'detached';
        throw e;
      }
      // The log stream ends once the container exited and its last lines are out; the cap only
      // guards against an engine that never ends it (2 s lost last lines on a loaded machine).
      let cap: NodeJS.Timeout | undefined;
      await Promise.race([following, new Promise((r) => (cap = setTimeout(r, 15_000)))]);
      clearTimeout(cap);
      if (exitCode !== 0) break;
    }
  } finally {
    if (timer) clearTimeout(timer);
    unsubscribe();
    await logs.flush();
  }

  if (startError) return fail('error', startError);
  if (env.control.stopping) return fail(env.control.stopping.status, env.control.stopping.reason, exitCode);
  if (timedOut) return fail('timed_out', `Stopped after the step timeout of ${step.timeout}.`, exitCode);
  if (exitCode === null) return fail('error', 'The step container disappeared before it exited.');
  if (exitCode !== 0) return fail('failed', `Exited with code ${exitCode}.`, exitCode);

  const outputs: Record<string, string> = {};
  const last = specs[specs.length - 1].runId;
  for (const o of step.outputs) {
    let content: string | undefined;
    try {
      content = await env.runner.readFile?.(last, o.path, maxOutputBytes);
    } catch (e) {
      return fail('error', `The output "${o.name}" could not be read from ${o.path}: ${e instanceof Error ? e.message : String(e)}`, 0);
    }
    if (content === undefined) return fail('error', `The output "${o.name}": ${o.path} does not exist in the step container.`, 0);
    outputs[o.name] = content.replace(/\r?\n$/, '');
  }
  const secret = Object.fromEntries(step.outputs.filter((o) => o.secret).map((o) => [o.name, outputs[o.name]]));
  const short = Object.keys(secret).find((name) => secret[name].length < minLength);
  if (short) return fail('error', `The secret output "${short}" is shorter than ${minLength} characters: too short to mask in logs, so it is not kept.`, 0);
  const plain = Object.fromEntries(Object.entries(outputs).filter(([name]) => !(name in secret)));
  if (Object.keys(secret).length) {
    // From now on every line of the run hides them; this attempt's stored lines too.
    env.masker.add(Object.values(secret));
    await remaskStoredLog(env.db, row.id, env.masker);
  }
  return { status: 'succeeded', exitCode: 0, message: null, outputs, stored: env.masker.maskDeep(plain), sealed: sealStepOutputs(row.id, secret) };
}

async function publish(env: AttemptEnv, step: PlannedStep, values: RunValues): Promise<AttemptOutcome> {
  const arg = step.arguments.find((a) => a.name === 'resource');
  let resource;
  try {
    // Secrets are resolved here, by the control plane: they never reach a container or a log.
    resource = publishResource.parse(substituteDeep(arg?.yamlObject, values));
  } catch (e) {
    const message = e instanceof MissingValue ? e.message : 'The resolved resource is not valid.';
    return { status: 'error', exitCode: null, message: env.masker.mask(message), outputs: {}, stored: {} };
  }
  try {
    const result = await publishResourceHook({ db: env.db, orgId: env.orgId, runId: env.runId, actorLabel: env.actorLabel }, { orgId: env.orgId, runId: env.runId, resource });
    return { status: 'succeeded', exitCode: null, message: 'Published.', outputs: {}, stored: env.masker.maskDeep(result) };
  } catch (e) {
    return { status: 'error', exitCode: null, message: env.masker.mask(`Publishing failed: ${e instanceof Error ? e.message : String(e)}`), outputs: {}, stored: {} };
  }
}
