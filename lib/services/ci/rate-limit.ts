import type { Tx } from '@/db/client';
import { setting } from '@/lib/config';
import { checkDraw, drawToken, takeToken, type Draw } from '../rate-limit';

/** Requests per minute a CI token may make (GANTRY_CI_RATE_LIMIT, default 60). */
export function ciRateLimit() {
  return setting('GANTRY_CI_RATE_LIMIT');
}

const what = 'requests with this token';

/** A token bucket per CI token (in the database, shared by every process): bursts up to the limit, refilled continuously. */
export function takeRateLimit(db: Tx, tokenId: string, perMinute = ciRateLimit()) {
  return takeToken(db, `ci:${tokenId}`, perMinute, what);
}

/** The draw of takeRateLimit as a statement, for a caller that runs it within one of its own (ci-accept.ts). */
export function ciDraw(tokenId: string, perMinute: number) {
  return drawToken(`ci:${tokenId}`, perMinute);
}

/** Throws `rate_limited` when a ciDraw got no token. */
export function checkCiDraw(draw: Draw, perMinute: number) {
  checkDraw(draw, perMinute, what);
}
