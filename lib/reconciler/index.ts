import type { Db } from '@/db/client';
import type { deployment } from '@/db/schema';
import { deploymentChanged } from '@/lib/events/deployment-changes';
import { startEngine, type JobKind } from '@/lib/jobs/engine';
import { claimNext, requeueAbandoned } from './claim';
import { runDeployment, type DriverFor, type RetryPolicy } from './run-deployment';

export type { DriverFor, RetryPolicy } from './run-deployment';

export interface Reconciler {
  /** Resolves once every claimed deployment has finished (for tests and shutdown). */
  stop(): Promise<void>;
  wake(): void;
}

export const DEPLOYMENT_KIND = 'deployment';

/**
 * Deployments as a kind of the job engine: drives desired state (deployment rows) into the
 * data planes, one in flight per (component, environment); a newer request supersedes
 * waiting ones; transient failures are retried with backoff; in-flight rows of a process
 * that died are taken back.
 */
export function deploymentKind(opts: { db: Db; driverFor: DriverFor; concurrency?: number; retry?: RetryPolicy }): JobKind<typeof deployment.$inferSelect> {
  const { db, driverFor } = opts;
  return {
    name: DEPLOYMENT_KIND,
    concurrency: opts.concurrency ?? 4,
    resume: (all) => requeueAbandoned(db, all),
    claim: (busy) => claimNext(db, busy as Set<string>),
    key: (d) => `${d.componentId}/${d.environmentId}`,
    // Long-poll waiters (CI's ?wait=) re-read the deployment once its claim is done.
    run: (d) => runDeployment(db, d, driverFor, opts.retry).finally(() => deploymentChanged(d.id)),
  };
}

/** An engine running deployments only (tests and tools; lib/boot.ts starts the engine with every kind). */
export async function startReconciler(opts: { db: Db; driverFor: DriverFor; concurrency?: number; pollMs?: number; singleProcess: boolean; retry?: RetryPolicy }): Promise<Reconciler> {
  const engine = await startEngine({ kinds: [deploymentKind(opts)], singleProcess: opts.singleProcess, pollMs: opts.pollMs });
  return { wake: () => engine.wake(DEPLOYMENT_KIND), stop: () => engine.stop() };
}
