import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { dataPlane, livePipelineRunStatuses, organization, pipeline, pipelineRun, pipelineStep, pipelineVersion, type PipelineRunRow, type PipelineStepRow } from '@/db/schema';
import { canRunJobs, RolloutError, type JobRunner } from '@/lib/dataplane/types';
import { isServiceError } from '@/lib/errors';
import { heartbeat, leaseMs } from '@/lib/jobs/lease';
import { jobSignal } from '@/lib/jobs/signal';
import { logger } from '@/lib/logger';
import type { DriverFor } from '@/lib/reconciler';
import { SecretMasker } from '../mask';
import { openStepOutputs, pipelineInputs } from '../secrets';
import { parsePipelineYaml, planPipeline, type PlannedStep } from '../spec';
import { attemptContainerIds, parseDuration, runAttempt, type AttemptEnv, type AttemptOutcome, type RunControl } from './attempt';

export interface PipelineRunOptions {
  /** SIGTERM → SIGKILL grace when a step is stopped; default 10 s. */
  stopGraceSeconds?: number;
  /** How often a run looks for a Stop requested by another process; default 1 s. */
  stopPollMs?: number;
  /** Image of inline scripts without one (GANTRY_PIPELINE_DEFAULT_IMAGE). */
  defaultImage?: string;
  /** Who steps run as; default nobody (65534:65534), which the run's volumes belong to. */
  stepUser?: { uid: number; gid: number };
}

/**
 * Steps run as nobody, not as the image's user (often root): a step is someone's script, and
 * nobody exists in most base images (alpine, busybox, debian), so tools that look the user up
 * (psql, git, ssh) work. The run's volumes are created owned by that user, so /workspace is
 * writable; rootful Podman without a user namespace, so the ids are the host's too.
 */
export const defaultStepUser = { uid: 65534, gid: 65534 };

type RunOutcome = { status: 'succeeded' | 'failed' | 'stopped' | 'timed_out'; reason: string | null };
const FINAL_STEP = new Set(['succeeded', 'failed', 'error', 'skipped', 'stopped', 'timed_out']);

export function workspaceVolume(runId: string) {
  return `gantry-pipeline-${runId}`;
}

async function finish(db: Db, id: string, o: RunOutcome) {
  await db
    .update(pipelineRun)
    .set({ status: o.status, reason: o.reason, finishedAt: new Date(), updatedAt: new Date(), leaseUntil: null })
    .where(and(eq(pipelineRun.id, id), inArray(pipelineRun.status, [...livePipelineRunStatuses])));
}

function describe(e: unknown) {
  return e instanceof RolloutError || isServiceError(e) ? e.message : `Unexpected error: ${e instanceof Error ? e.message : String(e)}`;
}

function retryable(status: string, policy: string | undefined): boolean {
  const p = policy ?? 'OnFailure';
  if (status === 'failed' || status === 'timed_out') return p === 'OnFailure' || p === 'Always';
  if (status === 'error') return p === 'OnError' || p === 'Always' || p === 'OnTransientError';
  return false;
}

function backoffMs(step: PlannedStep, attempt: number): number {
  const b = step.retryStrategy?.backoff;
  if (!b?.duration) return 0;
  const ms = parseDuration(b.duration) * 1000 * (b.factor ?? 1) ** (attempt - 1);
  return Math.min(ms, b.maxDuration ? parseDuration(b.maxDuration) * 1000 : Infinity);
}

/**
 * Drives one claimed run from its rows: a queued run starts (step rows written as pending);
 * a running one — left by a process that died — goes on where its rows say, re-attaching to
 * step containers that still run. Groups run in order, the steps of a group at once; Stop and
 * the run deadline stop running steps (grace period) and skip pending ones. When the engine
 * stops (`signal`), it detaches and the containers run on for the next process.
 */
export async function runPipeline(db: Db, claimed: PipelineRunRow, driverFor: DriverFor, signal: AbortSignal, opts: PipelineRunOptions = {}) {
  const log = logger.child({ pipelineRunId: claimed.id });
  const stopBeat = heartbeat(() => db.update(pipelineRun).set({ leaseUntil: new Date(Date.now() + leaseMs) }).where(eq(pipelineRun.id, claimed.id)));
  const listeners = new Set<() => void>();
  const control: RunControl = {
    onStop(cb) {
      listeners.add(cb);
      if (control.stopping) cb();
      return () => listeners.delete(cb);
    },
  };
  const requestStop = (s: NonNullable<RunControl['stopping']>) => {
    if (control.stopping) return;
    control.stopping = s;
    for (const cb of listeners) cb();
  };
  const checkStop = async () => {
    const [row] = await db.select({ at: pipelineRun.stopRequestedAt }).from(pipelineRun).where(eq(pipelineRun.id, claimed.id));
    if (row?.at) requestStop({ status: 'stopped', reason: 'Stopped on request.' });
  };
  const onNudge = () => void checkStop().catch(() => undefined);
  jobSignal.on(`nudge:${claimed.id}`, onNudge);
  const stopPoll = setInterval(onNudge, opts.stopPollMs ?? 1000);
  let deadline: NodeJS.Timeout | undefined;
  const detach = new AbortController();
  const onAbort = () => detach.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let runner: JobRunner | undefined;
  let plan: PlannedStep[][] = [];
  let volumes: string[] = [];
  let run = claimed;
  try {
    const [row] = await db
      .select({ p: pipeline, yaml: pipelineVersion.yaml, org: organization.slug })
      .from(pipeline)
      .innerJoin(pipelineVersion, eq(pipelineVersion.id, run.versionId))
      .innerJoin(organization, eq(organization.id, pipeline.organizationId))
      .where(eq(pipeline.id, run.pipelineId));
    if (!row) return finish(db, run.id, { status: 'failed', reason: 'The pipeline is gone.' });
    const inputs = await pipelineInputs(db, run.pipelineId);
    const masker = new SecretMasker(Object.values(inputs.secrets));
    const parsed = parsePipelineYaml(row.yaml, { variables: Object.keys(inputs.variables), secrets: Object.keys(inputs.secrets) });
    if (parsed.errors) {
      const e = parsed.errors[0];
      return finish(db, run.id, { status: 'failed', reason: `The pipeline does not validate: line ${e.line}: ${e.message}` });
    }
    plan = planPipeline(parsed.spec, { defaultImage: opts.defaultImage });
    volumes = [workspaceVolume(run.id), ...(parsed.spec.volumes ?? []).map((v) => `${workspaceVolume(run.id)}-${v.name}`)];

    await checkStop();
    if (run.status === 'queued') {
      if (control.stopping) return finish(db, run.id, { status: 'stopped', reason: control.stopping.reason });
      const startedAt = new Date();
      const deadlineAt = new Date(startedAt.getTime() + run.timeoutSeconds * 1000);
      await db.transaction(async (tx) => {
        const rows = plan.flat().map((s) => ({ runId: run.id, group: s.group, index: s.index, stepId: s.id, name: s.name, attempt: 1 }));
        await tx.insert(pipelineStep).values(rows).onConflictDoNothing();
        await tx.update(pipelineRun).set({ status: 'running', startedAt, deadlineAt, updatedAt: startedAt }).where(eq(pipelineRun.id, run.id));
      });
      run = { ...run, status: 'running', startedAt, deadlineAt };
      log.info('pipeline run started');
    }
    deadline = setTimeout(
      () => requestStop({ status: 'timed_out', reason: `Stopped after the run deadline of ${run.timeoutSeconds} s.` }),
      Math.max(0, (run.deadlineAt ?? new Date()).getTime() - Date.now()),
    );

    const plane = row.p.dataPlaneId
      ? (await db.select().from(dataPlane).where(eq(dataPlane.id, row.p.dataPlaneId)))[0]
      : (await db.select().from(dataPlane).where(and(eq(dataPlane.organizationId, run.organizationId), eq(dataPlane.driver, 'docker'))).orderBy(asc(dataPlane.createdAt)).limit(1))[0];
    if (!plane) return finish(db, run.id, { status: 'failed', reason: 'The organisation has no docker data plane to run pipelines on.' });
    const driver = await driverFor(plane, {});
    if (!canRunJobs(driver)) return finish(db, run.id, { status: 'failed', reason: `The ${driver.kind} data plane runs pipelines as Argo Workflows, not on the local engine.` });
    // A pipeline belongs to no project or component: the scope names the organisation and the pipeline (used by planes that namespace jobs).
    runner = driver.jobs({ org: row.org, project: 'pipelines', component: row.p.name, environment: 'pipelines' });
    if (!runner.createVolume || !runner.readFile) return finish(db, run.id, { status: 'failed', reason: 'This data plane cannot share a workspace between steps.' });
    const labels = { 'gantry.pipeline': row.p.id, 'gantry.pipeline-run': run.id };
    const stepUser = opts.stepUser ?? defaultStepUser;
    for (const v of volumes) await runner.createVolume(v, labels, { owner: stepUser });

    const stored = await db.select().from(pipelineStep).where(eq(pipelineStep.runId, run.id)).orderBy(asc(pipelineStep.attempt));
    const outputs: Record<string, Record<string, string>> = {};
    // Outputs of steps a previous process finished: secret ones decrypted, and masked from here on.
    const rowOutputs = (s: PipelineStepRow) => {
      const secret = openStepOutputs(s.id, s.secretOutputs);
      masker.add(Object.values(secret));
      return { ...Object.fromEntries(Object.entries(s.outputs).map(([k, v]) => [k, String(v)])), ...secret };
    };
    for (const s of stored) if (s.status === 'succeeded') outputs[s.stepId] = rowOutputs(s);
    const env: AttemptEnv = {
      db,
      runner,
      orgId: run.organizationId,
      runId: run.id,
      actorLabel: run.triggeredByLabel,
      identity: { org: row.org, project: 'pipelines', component: row.p.name, environment: 'pipeline', release: run.id },
      labels,
      user: `${stepUser.uid}:${stepUser.gid}`,
      volumes: [{ name: volumes[0], target: '/workspace' }],
      volumeNames: Object.fromEntries((parsed.spec.volumes ?? []).map((v) => [v.name, `${volumes[0]}-${v.name}`])),
      masker,
      values: {
        variables: inputs.variables,
        secrets: inputs.secrets,
        parameters: { ...Object.fromEntries((parsed.spec.arguments?.parameters ?? []).map((p) => [p.name, p.value ?? JSON.stringify(p.yamlObject ?? '')])), ...run.parameters },
        outputs,
        secretOutputs: new Set(plan.flat().flatMap((s) => s.outputs.filter((o) => o.secret).map((o) => `${s.id}.${o.name}`))),
      },
      control,
      graceSeconds: opts.stopGraceSeconds ?? 10,
      detach: detach.signal,
    };

    let failure: string | undefined;
    for (const group of plan) {
      if (failure || control.stopping) {
        await skipPending(db, run.id, group, control.stopping ? 'The run was stopped.' : 'Not run: an earlier step failed.');
        continue;
      }
      const results = await Promise.all(group.map((s) => driveStep(env, s)));
      if (results.includes('detached')) {
        log.info('engine stopping: pipeline run left running for the next process');
        return;
      }
      group.forEach((s, i) => {
        const r = results[i] as PipelineStepRow;
        // Later steps get what is stored (plain outputs as masked; secret ones decrypted): the same after a restart.
        if (r.status === 'succeeded') outputs[s.id] = rowOutputs(r);
        const tolerated = ((r.status === 'failed' || r.status === 'timed_out') && s.continueOn.failed) || (r.status === 'error' && s.continueOn.error);
        if (['failed', 'error', 'timed_out'].includes(r.status) && !tolerated) failure ??= `Step "${s.name}" ${r.status === 'timed_out' ? 'timed out' : r.status}${r.message ? `: ${r.message}` : '.'}`;
      });
    }
    const outcome: RunOutcome = control.stopping ? { status: control.stopping.status, reason: control.stopping.reason } : failure ? { status: 'failed', reason: failure } : { status: 'succeeded', reason: null };
    await cleanup(db, runner, run.id, plan, volumes);
    await finish(db, run.id, outcome);
    log.info({ status: outcome.status }, 'pipeline run finished');
  } catch (e) {
    if (detach.signal.aborted && signal.aborted) return;
    const transient = (e instanceof RolloutError && e.transient) || (isServiceError(e) && e.code === 'unavailable');
    if (transient && run.attempts < 5) {
      log.warn({ err: { message: describe(e) } }, 'pipeline run will be retried');
      return;
    }
    if (!(e instanceof RolloutError) && !isServiceError(e)) log.error({ err: { message: describe(e) } }, 'pipeline run failed unexpectedly');
    if (runner) await cleanup(db, runner, run.id, plan, volumes).catch(() => undefined);
    await finish(db, run.id, { status: 'failed', reason: describe(e) });
  } finally {
    stopBeat();
    clearInterval(stopPoll);
    if (deadline) clearTimeout(deadline);
    jobSignal.off(`nudge:${claimed.id}`, onNudge);
    signal.removeEventListener('abort', onAbort);
  }
}

async function skipPending(db: Db, runId: string, group: PlannedStep[], message: string) {
  await db
    .update(pipelineStep)
    .set({ status: 'skipped', message, finishedAt: new Date() })
    .where(and(eq(pipelineStep.runId, runId), inArray(pipelineStep.stepId, group.map((s) => s.id)), eq(pipelineStep.status, 'pending')));
}

/** Every step container of the run, then its volumes (a volume is busy while a container references it). */
async function cleanup(db: Db, runner: JobRunner, runId: string, plan: PlannedStep[][], volumes: string[]) {
  const byId = new Map(plan.flat().map((s) => [s.id, s]));
  const rows = await db.select({ id: pipelineStep.id, stepId: pipelineStep.stepId }).from(pipelineStep).where(eq(pipelineStep.runId, runId));
  for (const r of rows) {
    const s = byId.get(r.stepId);
    for (const id of s ? attemptContainerIds(r, s) : [r.id]) await runner.remove(id).catch(() => undefined);
  }
  for (const v of volumes) await runner.removeVolume?.(v).catch((e) => logger.warn({ volume: v, err: { message: describe(e) } }, 'could not remove a pipeline volume'));
}

/** One step through its attempts; returns its final row, or 'detached'. */
async function driveStep(env: AttemptEnv, step: PlannedStep): Promise<PipelineStepRow | 'detached'> {
  const { db } = env;
  for (;;) {
    const rows = await db.select().from(pipelineStep).where(and(eq(pipelineStep.runId, env.runId), eq(pipelineStep.stepId, step.id))).orderBy(asc(pipelineStep.attempt));
    let last = rows[rows.length - 1];
    if (!last) [last] = await db.insert(pipelineStep).values({ runId: env.runId, group: step.group, index: step.index, stepId: step.id, name: step.name, attempt: 1 }).returning();
    if (FINAL_STEP.has(last.status)) {
      if (!(await nextAttempt(env, step, last))) return last;
      continue;
    }
    if (env.control.stopping && last.status === 'pending') {
      const [r] = await db.update(pipelineStep).set({ status: 'skipped', message: 'The run was stopped.', finishedAt: new Date() }).where(eq(pipelineStep.id, last.id)).returning();
      return r;
    }
    const o: AttemptOutcome | 'detached' = await runAttempt(env, step, last);
    if (o === 'detached') return 'detached';
    const [done] = await db
      .update(pipelineStep)
      .set({ status: o.status, exitCode: o.exitCode, message: o.message, outputs: o.stored, secretOutputs: o.sealed ?? {}, finishedAt: new Date() })
      .where(eq(pipelineStep.id, last.id))
      .returning();
    for (const id of attemptContainerIds(last, step)) await env.runner.remove(id).catch(() => undefined);
    if (o.status === 'succeeded') env.values.outputs[step.id] = o.outputs;
    if (!(await nextAttempt(env, step, done))) return done;
  }
}

/** Writes the next attempt's pending row after a backoff, when the retry strategy allows one. */
async function nextAttempt(env: AttemptEnv, step: PlannedStep, last: PipelineStepRow): Promise<boolean> {
  const limit = step.retryStrategy?.limit ?? 0;
  if (env.control.stopping || last.attempt > limit || !retryable(last.status, step.retryStrategy?.retryPolicy)) return false;
  const wait = backoffMs(step, last.attempt);
  if (wait > 0) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, wait);
      const off = env.control.onStop(done);
      env.detach.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(t);
        off();
        env.detach.removeEventListener('abort', done);
        resolve();
      }
    });
    if (env.control.stopping) return false;
  }
  await env.db.insert(pipelineStep).values({ runId: env.runId, group: step.group, index: step.index, stepId: step.id, name: step.name, attempt: last.attempt + 1 }).onConflictDoNothing();
  return true;
}
