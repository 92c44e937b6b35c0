import { ServiceError } from '@/lib/errors';

const g = globalThis as unknown as { __gantryCiBuckets?: Map<string, { tokens: number; at: number }> };
const buckets = (g.__gantryCiBuckets ??= new Map());

/** Requests per minute a CI token may make (GANTRY_CI_RATE_LIMIT, default 60). */
export function ciRateLimit() {
  return Number(process.env.GANTRY_CI_RATE_LIMIT ?? 60);
}

/** A token bucket per CI token: bursts up to the limit, refilled continuously. */
export function takeRateLimit(tokenId: string, perMinute = ciRateLimit()) {
  const now = Date.now();
  const b = buckets.get(tokenId) ?? { tokens: perMinute, at: now };
  b.tokens = Math.min(perMinute, b.tokens + ((now - b.at) / 60_000) * perMinute);
  b.at = now;
  if (b.tokens < 1) {
    buckets.set(tokenId, b);
    const retryAfter = Math.ceil(((1 - b.tokens) / perMinute) * 60);
    throw new ServiceError('rate_limited', `Too many requests with this token: the limit is ${perMinute} per minute. Retry in ${retryAfter} s.`, { retryAfter });
  }
  b.tokens -= 1;
  buckets.set(tokenId, b);
}
