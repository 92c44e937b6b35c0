import type { Tx } from '@/db/client';
import { takeToken } from '../rate-limit';

/** Requests per minute a CI token may make (GANTRY_CI_RATE_LIMIT, default 60). */
export function ciRateLimit() {
  return Number(process.env.GANTRY_CI_RATE_LIMIT ?? 60);
}

/** A token bucket per CI token (in the database, shared by every process): bursts up to the limit, refilled continuously. */
export function takeRateLimit(db: Tx, tokenId: string, perMinute = ciRateLimit()) {
  return takeToken(db, `ci:${tokenId}`, perMinute, 'requests with this token');
}
