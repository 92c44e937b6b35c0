import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits `ms`, or less when `signal` aborts; resolves either way. Leaves no listener on the
 * signal once it resolves: loops that pause on one long-lived signal (an SSE request, an
 * engine's lifetime) must not pile up a listener per turn.
 */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}
