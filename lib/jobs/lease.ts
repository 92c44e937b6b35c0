/** How long a claim is valid without a heartbeat; a process that died loses its work after this. */
export const leaseMs = 15_000;

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
}
export const defaultRetry: RetryPolicy = { attempts: 5, baseMs: 500 };

/** Exponential backoff before attempt `attempt + 1`, capped at 30 s. */
export function backoffMs(retry: RetryPolicy, attempt: number) {
  return Math.min(30_000, retry.baseMs * 2 ** attempt);
}

/** Renews a lease every third of its length until the returned function is called. */
export function heartbeat(renew: () => Promise<unknown>, everyMs = leaseMs / 3): () => void {
  const timer = setInterval(() => void renew().catch(() => undefined), everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
