import type { Tx } from '@/db/client';
import { setting } from '@/lib/config';
import { takeToken } from '../rate-limit';

/** Requests per minute a CI token may make (GANTRY_CI_RATE_LIMIT, default 60). */
export function ciRateLimit() {
  return setting('GANTRY_CI_RATE_LIMIT');
}

/** A token bucket per CI token (in the database, shared by every process): bursts up to the limit, refilled continuously. */
export function takeRateLimit(db: Tx, tokenId: string, perMinute = ciRateLimit()) {
  return takeToken(db, `ci:${tokenId}`, perMinute, 'requests with this token');
}
