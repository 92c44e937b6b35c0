import type { Db } from '@/db/client';
import type { TaskExecutionRow } from '@/db/schema';
import type { JobKind } from '@/lib/jobs/engine';
import { config } from '@/lib/config';
import { logger } from '@/lib/logger';
import type { DriverFor } from '@/lib/reconciler';
import { claimExecution, releaseExecutionLeases } from './claim';
import { pruneLogs } from './logs';
import { runExecution, type ExecutionOptions } from './run-execution';
import { earliestDue, EXECUTION_KIND, tickScheduler } from './scheduler';
import { pause } from '@/lib/util/pause';

export { EXECUTION_KIND };
export const SCHEDULER_KIND = 'schedule';
export const LOG_RETENTION_KIND = 'log-retention';

/** Task executions: started, followed, stopped and finished by the engine; resumed after a restart. */
export function executionKind(opts: { db: Db; driverFor: DriverFor; concurrency?: number } & ExecutionOptions): JobKind<TaskExecutionRow> {
  return {
    name: EXECUTION_KIND,
    // Most of an execution's life is waiting (for its slot, on its container): many may run at once.
    concurrency: opts.concurrency ?? 512,
    resume: (all) => releaseExecutionLeases(opts.db, all),
    claim: (busy) => claimExecution(opts.db, busy),
    key: (e) => e.id,
    run: (e, signal) => runExecution(opts.db, e, opts.driverFor, signal, opts),
  };
}


/**
 * The scheduler of docker planes. Every `everyMs` it fires the schedules due within
 * `aheadMs` (GANTRY_SCHEDULE_PREPARE_SECONDS): their executions are claimed and prepared
 * (image, container created with its spec) ahead of the slot and started by a precise timer
 * at it, so the slot's own work is one `start` per task, not a query, a pull and a create.
 * When the next firing falls before the following tick, it sleeps until exactly then.
 * A tick with nothing due is one indexed min() query, whatever the number of schedules.
 * `now` is injectable for tests; production uses the same code with the real clock.
 */
export function schedulerKind(opts: { db: Db; now?: () => Date; everyMs?: number; aheadMs?: number }): JobKind {
  const now = opts.now ?? (() => new Date());
  const everyMs = opts.everyMs ?? 1000;
  const aheadMs = opts.aheadMs ?? config().GANTRY_SCHEDULE_PREPARE_SECONDS * 1000;
  return {
    name: SCHEDULER_KIND,
    tick: {
      everyMs,
      async run(signal) {
        await tickScheduler(opts.db, now(), 500, aheadMs);
        const due = await earliestDue(opts.db);
        if (!due) return;
        const wait = due.getTime() - aheadMs - now().getTime();
        if (wait > 0 && wait < everyMs && !signal.aborted) {
          await pause(wait, signal);
          if (!signal.aborted) await tickScheduler(opts.db, now(), 500, aheadMs);
        }
      },
    },
  };
}

/** Logs of executions are kept for `retentionDays` (GANTRY_LOG_RETENTION_DAYS, default 30), then pruned. */
export function logRetentionKind(opts: { db: Db; retentionDays?: number; everyMs?: number }): JobKind {
  const days = opts.retentionDays ?? config().GANTRY_LOG_RETENTION_DAYS;
  return {
    name: LOG_RETENTION_KIND,
    tick: {
      everyMs: opts.everyMs ?? 3_600_000,
      async run() {
        const pruned = await pruneLogs(opts.db, days);
        if (pruned) logger.info({ pruned, days }, 'pruned stored logs past their retention');
      },
    },
  };
}
