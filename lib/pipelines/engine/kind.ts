import type { Db } from '@/db/client';
import type { PipelineRunRow } from '@/db/schema';
import type { JobKind } from '@/lib/jobs/engine';
import type { DriverFor } from '@/lib/reconciler';
import { claimPipelineRun, releasePipelineRunLeases } from './claim';
import { runPipeline, type PipelineRunOptions } from './run-pipeline';

export const PIPELINE_RUN_KIND = 'pipeline-run';

/** Pipeline runs on the local engine: started, followed, stopped and finished by the job engine; resumed after a restart. */
export function pipelineRunKind(opts: { db: Db; driverFor: DriverFor; concurrency?: number } & PipelineRunOptions): JobKind<PipelineRunRow> {
  return {
    name: PIPELINE_RUN_KIND,
    // A run mostly waits on its step containers: many may run at once.
    concurrency: opts.concurrency ?? 16,
    resume: (all) => releasePipelineRunLeases(opts.db, all),
    claim: (busy) => claimPipelineRun(opts.db, busy),
    key: (r) => r.id,
    run: (r, signal) => runPipeline(opts.db, r, opts.driverFor, signal, opts),
  };
}
