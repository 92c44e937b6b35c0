import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { taskExecution } from '@/db/schema';
import { createDriverFactory } from '@/lib/dataplane/drivers';
import { newInstallationId } from '@/lib/dataplane/installation';
import { registerDrivers } from '@/lib/dataplane/runtime';
import { deploymentKind, type RetryPolicy } from '@/lib/reconciler';
import { startEngine, type Engine } from './engine';
import { executionKind, schedulerKind } from './executions/kind';
import { pipelineRunKind } from '@/lib/pipelines/engine/kind';

type PlaneArg = Parameters<ReturnType<typeof createDriverFactory>['driverFor']>[0];

/**
 * A job engine on a real container engine (Podman's API service in a temp dir), with the
 * deployment and execution kinds, scoped to this test run by a label. The scheduler kind
 * runs only when given a clock: tests drive slots with tickScheduler or that clock.
 */
export async function testEngine(
  db: Db,
  opts: {
    now?: () => Date;
    aheadMs?: number;
    stopGraceSeconds?: number;
    dataDir?: string;
    run?: string;
    pipelineDefaultImage?: string;
    /** This installation's id; a console restart passes the one its database holds (installationId), as boot does. Default: a new one. */
    installation?: string;
    /** false: take back only work whose lease ran out (several processes on Postgres), as boot does on Postgres. Default true. */
    singleProcess?: boolean;
    /** Deployment retries; default 3 attempts 50 ms apart (tests that do not wait for an engine to come back). */
    retry?: RetryPolicy;
  } = {},
) {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-jobs-'));
  const run = opts.run ?? randomUUID().slice(0, 8);
  const drivers = createDriverFactory({ dataDir, installation: opts.installation ?? newInstallationId(), extraLabels: { 'gantry.test-run': run } });
  const driverFor = (plane: PlaneArg) => drivers.driverFor(plane);
  registerDrivers(driverFor);
  const kinds = [
    deploymentKind({ db, driverFor, retry: opts.retry ?? { attempts: 3, baseMs: 50 } }),
    executionKind({ db, driverFor, stopGraceSeconds: opts.stopGraceSeconds ?? 1, stopPollMs: 200, now: opts.now }),
    pipelineRunKind({ db, driverFor, stopGraceSeconds: opts.stopGraceSeconds ?? 1, stopPollMs: 200, defaultImage: opts.pipelineDefaultImage }),
    ...(opts.now ? [schedulerKind({ db, now: opts.now, everyMs: 100, aheadMs: opts.aheadMs ?? 0 })] : []),
  ];
  const start = () => startEngine({ kinds, singleProcess: opts.singleProcess ?? true, pollMs: 100 });
  let engine: Engine = await start();
  return {
    run,
    dataDir,
    driverFor,
    get engine() {
      return engine;
    },
    /** Stops claiming (running executions detach, their containers run on) and starts again: a console restart. */
    async restart() {
      await engine.stop();
      engine = await start();
    },
    async stopEngine() {
      await engine.stop();
    },
    async startEngine() {
      engine = await start();
    },
    async stop() {
      await engine.stop();
      await drivers.stop();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const FINAL = ['succeeded', 'failed', 'timed_out', 'stopped', 'skipped', 'missed'];

/** Polls until the execution is final (or `until` says so). */
export async function executionSettled(db: Db, id: string, until: (row: typeof taskExecution.$inferSelect) => boolean = (r) => FINAL.includes(r.status), timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.select().from(taskExecution).where(eq(taskExecution.id, id));
    if (row && until(row)) return row;
    if (Date.now() > deadline) throw new Error(`Execution ${id} still ${row?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
