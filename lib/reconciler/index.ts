import type { Db } from '@/db/client';
import { deploymentChanged } from '@/lib/events/deployment-changes';
import { logger, loggableError } from '@/lib/logger';
import { reconcilerSignal } from '@/lib/services/deployments/wake';
import { claimNext, requeueAbandoned } from './claim';
import { runDeployment, type DriverFor, type RetryPolicy } from './run-deployment';

export interface Reconciler {
  /** Resolves once every claimed deployment has finished (for tests and shutdown). */
  stop(): Promise<void>;
  wake(): void;
}

/**
 * Drives desired state (deployment rows) into the data planes. Workers claim queued
 * deployments, one in flight per (component, environment), and run them; a wake signal
 * from the services or a short poll (for retries) starts the next claim.
 */
export async function startReconciler(opts: { db: Db; driverFor: DriverFor; concurrency?: number; pollMs?: number; singleProcess: boolean; retry?: RetryPolicy }): Promise<Reconciler> {
  const { db, driverFor } = opts;
  const concurrency = opts.concurrency ?? 4;
  const busy = new Set<string>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  let pumping = false;
  let again = false;

  const resumed = await requeueAbandoned(db, opts.singleProcess);
  if (resumed) logger.info({ resumed }, 'resumed deployments left in flight');

  async function pump() {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        while (!stopped && running.size < concurrency) {
          const claimed = await claimNext(db, busy);
          if (!claimed) break;
          const key = `${claimed.componentId}/${claimed.environmentId}`;
          busy.add(key);
          const p: Promise<void> = runDeployment(db, claimed, driverFor, opts.retry)
            .catch((e) => logger.error({ err: loggableError(e) }, 'reconciler worker failed'))
            .finally(() => {
              deploymentChanged(claimed.id);
              busy.delete(key);
              running.delete(p);
              void pump();
            });
          running.add(p);
        }
      } while (again && !stopped);
    } catch (e) {
      logger.error({ err: loggableError(e) }, 'reconciler claim failed');
    } finally {
      pumping = false;
    }
  }

  const onWake = () => void pump();
  reconcilerSignal.on('wake', onWake);
  const timer = setInterval(() => {
    void pump();
    if (!opts.singleProcess) void requeueAbandoned(db, false).catch(() => undefined);
  }, opts.pollMs ?? 500);
  void pump();

  return {
    wake: onWake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      reconcilerSignal.off('wake', onWake);
      await Promise.allSettled([...running]);
    },
  };
}
