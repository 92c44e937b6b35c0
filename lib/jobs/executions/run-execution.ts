import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { liveExecutionStatuses, taskExecution, type TaskExecutionRow } from '@/db/schema';
import { canRunJobs, RolloutError, type JobRunner } from '@/lib/dataplane/types';
import { isServiceError } from '@/lib/errors';
import { heartbeat, leaseMs } from '@/lib/jobs/lease';
import { jobSignal } from '@/lib/jobs/signal';
import { logger } from '@/lib/logger';
import type { DriverFor } from '@/lib/reconciler';
import { workloadFor } from '@/lib/reconciler/workload-spec';
import { LogWriter } from './logs';
import { policyAtSlot } from './scheduler';

export interface ExecutionOptions {
  /** SIGTERM → SIGKILL grace when an execution is stopped or times out; default 10 s. */
  stopGraceSeconds?: number;
  /** How often a running execution looks for a Stop requested by another process; default 1 s. */
  stopPollMs?: number;
  /** The clock a prepared scheduled execution waits for its slot by (the scheduler's); tests shift it. */
  now?: () => Date;
}

type Outcome = { status: 'succeeded' | 'failed' | 'timed_out' | 'stopped' | 'missed'; exitCode: number | null; reason: string | null };

async function finish(db: Db, id: string, o: Outcome) {
  await db
    .update(taskExecution)
    .set({ status: o.status, exitCode: o.exitCode, reason: o.reason, finishedAt: new Date(), updatedAt: new Date(), leaseUntil: null })
    .where(and(eq(taskExecution.id, id), inArray(taskExecution.status, [...liveExecutionStatuses])));
}

function describe(e: unknown) {
  return e instanceof RolloutError || isServiceError(e) ? e.message : `Unexpected error: ${e instanceof Error ? e.message : String(e)}`;
}

/** Sleeps `ms` (a precise timer, not a poll), or less when the engine stops or `woken` is called because a Stop came. */
function untilSlot(ms: number, signal: AbortSignal, stopped: () => boolean, onWake: (wake: () => void) => void) {
  if (ms <= 0 || signal.aborted || stopped()) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    onWake(done);
  });
}

/**
 * Drives one claimed execution: starts its container (or finds the one an earlier process
 * started), stores its log lines as they come, waits for the exit code, and records the
 * outcome; a Stop or the timeout stops it with a grace period. When the engine stops
 * (`signal`), it detaches: the container runs on and the next process picks it up.
 */
export async function runExecution(db: Db, claimed: TaskExecutionRow, driverFor: DriverFor, signal: AbortSignal, opts: ExecutionOptions = {}) {
  const grace = opts.stopGraceSeconds ?? 10;
  const log = logger.child({ executionId: claimed.id });
  const stopBeat = heartbeat(() => db.update(taskExecution).set({ leaseUntil: new Date(Date.now() + leaseMs) }).where(eq(taskExecution.id, claimed.id)));
  let stopping: Outcome | undefined;
  let runner: JobRunner | undefined;
  let started = claimed.status === 'running';
  let wakeSlotWait: (() => void) | undefined;
  const requestStop = (o: Outcome) => {
    if (stopping) return;
    stopping = o;
    wakeSlotWait?.();
    if (started && runner) runner.stop(claimed.id, grace).catch((e) => log.warn({ err: { message: describe(e) } }, 'could not stop an execution'));
  };
  const checkStop = async () => {
    const [row] = await db.select({ stopRequestedAt: taskExecution.stopRequestedAt }).from(taskExecution).where(eq(taskExecution.id, claimed.id));
    if (row?.stopRequestedAt) requestStop({ status: 'stopped', exitCode: null, reason: 'Stopped on request.' });
  };
  const onNudge = () => void checkStop().catch(() => undefined);
  jobSignal.on(`nudge:${claimed.id}`, onNudge);
  // Polled once the run is about to start: executions waiting for their slot (a hundred at a
  // time is normal) must not load the database; a Stop in this process nudges them anyway.
  let stopPoll: NodeJS.Timeout | undefined;
  let timeout: NodeJS.Timeout | undefined;
  const detach = new AbortController();
  const onAbort = () => detach.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (!claimed.deploymentId) return finish(db, claimed.id, { status: 'failed', exitCode: null, reason: 'Nothing is deployed to run.' });
    await checkStop();
    if (stopping && !started) return finish(db, claimed.id, stopping);

    const work = await workloadFor(db, claimed.deploymentId);
    const driver = await driverFor(work.plane, { insecureRegistry: work.registryInsecureHost });
    if (!canRunJobs(driver)) return finish(db, claimed.id, { status: 'failed', exitCode: null, reason: `The ${driver.kind} data plane cannot run tasks from the control plane.` });
    runner = driver.jobs(work.spec.identity);

    const spec = { workload: work.spec, runId: claimed.id, args: claimed.args, timeoutSeconds: claimed.timeoutSeconds };
    let prepared = false;
    if (!started && claimed.schedule?.atSlot && claimed.scheduledFor) {
      // Fired ahead of its slot: everything but the start now, the start exactly at the slot.
      if (runner.prepare) await runner.prepare(spec);
      prepared = !!runner.prepare;
      const now = opts.now ?? (() => new Date());
      await untilSlot(claimed.scheduledFor.getTime() - now().getTime(), detach.signal, () => stopping !== undefined, (wake) => (wakeSlotWait = wake));
      if (detach.signal.aborted) return log.info('engine stopping: prepared execution left for the next process');
      await checkStop(); // a Stop requested by another process while it waited
      if (stopping) {
        await runner.remove(claimed.id).catch(() => undefined);
        return finish(db, claimed.id, stopping);
      }
      // Picked up after a console died before the slot, and too late: missed, as the scheduler records it.
      const deadline = claimed.schedule.startingDeadlineSeconds;
      if (deadline !== undefined && now().getTime() - claimed.scheduledFor.getTime() > deadline * 1000) {
        await runner.remove(claimed.id).catch(() => undefined);
        return finish(db, claimed.id, { status: 'missed', exitCode: null, reason: `Missed: the control plane was not running at this time, and the starting deadline (${deadline} s) has passed.` });
      }
      if (!(await policyAtSlot(db, claimed, now()))) {
        await runner.remove(claimed.id).catch(() => undefined);
        return;
      }
    }

    stopPoll = setInterval(onNudge, opts.stopPollMs ?? 1000);
    if (!started) {
      // Just prepared: at the slot the start is the only call (start itself makes sure it runs once).
      const state = prepared ? 'prepared' : (await runner.state(claimed.id)).state;
      if (state === 'absent' || state === 'prepared') await runner.start(spec);
      started = true;
      const startedAt = new Date();
      await db.update(taskExecution).set({ status: 'running', startedAt, updatedAt: startedAt }).where(eq(taskExecution.id, claimed.id));
      claimed = { ...claimed, status: 'running', startedAt };
      log.info('execution started');
      if (stopping) void runner.stop(claimed.id, grace).catch(() => undefined);
    } else if ((await runner.state(claimed.id)).state === 'absent') {
      return finish(db, claimed.id, { status: 'failed', exitCode: null, reason: 'The container was gone when the control plane came back; its exit code is unknown.' });
    }

    const deadline = (claimed.startedAt ?? new Date()).getTime() + claimed.timeoutSeconds * 1000;
    timeout = setTimeout(
      () => requestStop({ status: 'timed_out', exitCode: null, reason: `Stopped after the timeout of ${claimed.timeoutSeconds} s.` }),
      Math.max(0, deadline - Date.now()),
    );

    const logs = new LogWriter(db, claimed.id, claimed.logLines);
    const following = runner.follow(claimed.id, { skip: claimed.logLines, onLine: (l) => logs.push(l), signal: detach.signal }).catch((e) => {
      if (!detach.signal.aborted) log.warn({ err: { message: describe(e) } }, 'execution log broke off');
    });
    let exitCode: number | null;
    try {
      exitCode = await runner.wait(claimed.id, detach.signal);
    } catch (e) {
      if (detach.signal.aborted) {
        await logs.flush();
        log.info('engine stopping: execution left running for the next process');
        return;
      }
      throw e;
    }
    // The log ends when the container exits; give its last lines a moment to arrive.
    await Promise.race([following, new Promise((r) => setTimeout(r, 2000))]);
    detach.abort();
    await following;
    await logs.flush();

    const outcome: Outcome =
      stopping && stopping.status !== 'succeeded'
        ? { ...stopping, exitCode }
        : exitCode === null
          ? { status: 'failed', exitCode: null, reason: 'The container disappeared before it exited.' }
          : exitCode === 0
            ? { status: 'succeeded', exitCode, reason: null }
            : { status: 'failed', exitCode, reason: `Exited with code ${exitCode}.` };
    await finish(db, claimed.id, outcome);
    log.info({ status: outcome.status, exitCode }, 'execution finished');
    await runner.remove(claimed.id).catch((e) => log.warn({ err: { message: describe(e) } }, 'could not remove an execution container'));
  } catch (e) {
    if (detach.signal.aborted && signal.aborted) return;
    const transient = (e instanceof RolloutError && e.transient) || (isServiceError(e) && e.code === 'unavailable');
    if (transient && claimed.attempts < 5) {
      // Let the lease lapse: the engine claims it again shortly (backoff by lease length).
      log.warn({ err: { message: describe(e) } }, 'execution will be retried');
      return;
    }
    if (!(e instanceof RolloutError) && !isServiceError(e)) log.error({ err: { message: describe(e) } }, 'execution failed unexpectedly');
    await finish(db, claimed.id, { status: 'failed', exitCode: null, reason: describe(e) });
    if (runner && started) await runner.remove(claimed.id).catch(() => undefined);
  } finally {
    stopBeat();
    if (stopPoll) clearInterval(stopPoll);
    if (timeout) clearTimeout(timeout);
    jobSignal.off(`nudge:${claimed.id}`, onNudge);
    signal.removeEventListener('abort', onAbort);
  }
}
