import { EventEmitter } from 'node:events';

/**
 * In-process notice that a deployment's status may have changed, so that long-poll waiters
 * (CI's `?wait=`) re-read it at once instead of polling the database. The reconciler calls
 * `deploymentChanged(id)` when it is done with a claim; services that write desired state
 * call `deploymentChanged()` (anything may have changed: e.g. queued requests superseded).
 * Changes made by another process are not seen here: waiters keep a slow re-check for those.
 *
 * On globalThis for the same reason as the reconciler's wake signal: Next bundles route
 * handlers and instrumentation separately.
 */
const g = globalThis as unknown as { __gantryDeploymentChanges?: EventEmitter };
const changes = (g.__gantryDeploymentChanges ??= new EventEmitter().setMaxListeners(0));
const ANY = '*';
/** Every change, whatever its id: what the organisation feed listens to. */
const ALL = '**';

export function deploymentChanged(id?: string) {
  changes.emit(id ?? ANY);
  changes.emit(ALL);
}

/** Resolves at the next change of `id` (or an unspecified change), after `timeoutMs`, or on abort. */
export function nextDeploymentChange(id: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      changes.off(id, done);
      changes.off(ANY, done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, timeoutMs));
    changes.on(id, done);
    changes.on(ANY, done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Resolves at the next change of any deployment in this process, after `timeoutMs`, or on abort (the organisation feed's wake-up). */
export function nextAnyDeploymentChange(timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      changes.removeListener(ALL, done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, timeoutMs));
    changes.on(ALL, done);
    signal?.addEventListener('abort', done, { once: true });
  });
}
