import type { Db } from '@/db/client';
import { deploymentKind, type DriverFor } from '@/lib/reconciler';
import { startEngine, type Engine, type JobKind } from './engine';
import { executionKind, logRetentionKind, schedulerKind } from './executions/kind';
import { pipelineRunKind } from '@/lib/pipelines/engine/kind';

export interface JobsOptions {
  db: Db;
  singleProcess: boolean;
  driverFor: DriverFor;
  pollMs?: number;
}

/** Every kind of work this process runs. The one place that decides what the engine does. */
export function allKinds(opts: JobsOptions): JobKind<any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return [deploymentKind(opts), executionKind(opts), pipelineRunKind(opts), schedulerKind({ db: opts.db }), logRetentionKind({ db: opts.db })];
}

/** Starts the job engine with every kind (lib/boot.ts). */
export function startJobs(opts: JobsOptions): Promise<Engine> {
  return startEngine({ kinds: allKinds(opts), singleProcess: opts.singleProcess, pollMs: opts.pollMs });
}
