import { ServiceError } from '@/lib/errors';

const g = globalThis as unknown as { __gantryRateBuckets?: Map<string, { tokens: number; at: number }> };
const buckets = (g.__gantryRateBuckets ??= new Map());

/**
 * A token bucket per key (in process): bursts up to `perMinute`, refilled continuously.
 * Throws `rate_limited` with a Retry-After when the bucket is empty; `what` names the caller
 * in the message ("with this token", "connection tests").
 */
export function takeToken(key: string, perMinute: number, what: string) {
  const now = Date.now();
  const b = buckets.get(key) ?? { tokens: perMinute, at: now };
  b.tokens = Math.min(perMinute, b.tokens + ((now - b.at) / 60_000) * perMinute);
  b.at = now;
  buckets.set(key, b);
  if (b.tokens < 1) {
    const retryAfter = Math.ceil(((1 - b.tokens) / perMinute) * 60);
    throw new ServiceError('rate_limited', `Too many ${what}: the limit is ${perMinute} per minute. Retry in ${retryAfter} s.`, { retryAfter });
  }
  b.tokens -= 1;
}
