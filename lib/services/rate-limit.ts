import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { rateLimitBucket } from '@/db/schema';
import { ServiceError } from '@/lib/errors';

/** What a draw returns: the tokens left (may be fractional) and whether this draw got one. */
export interface Draw {
  tokens: number | string;
  granted: boolean;
}

/**
 * A token bucket per key: bursts up to `perMinute`, refilled continuously. The bucket is a
 * row, refilled and drawn from in one statement (the row lock orders concurrent callers), so
 * the limit holds across every console process on one database.
 * The statement alone, returning `tokens, granted`: `takeToken` runs it, and a caller that
 * reads other things at the same moment can put it in a WITH clause of its own statement
 * (a data-modifying CTE runs exactly once, whatever the rest of the statement finds).
 */
export function drawToken(key: string, perMinute: number): SQL {
  // In ON CONFLICT DO UPDATE every b.* is the row before this draw.
  const refilled = sql`least(${perMinute}::float8, b.tokens + extract(epoch from clock_timestamp() - b.at) / 60 * ${perMinute}::float8)`;
  return sql`
    insert into ${rateLimitBucket} as b (key, tokens, at, granted) values (${key}, ${perMinute}::float8 - 1, clock_timestamp(), true)
    on conflict (key) do update set
      tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
      granted = ${refilled} >= 1,
      at = clock_timestamp()
    returning tokens, granted`;
}

/**
 * Throws `rate_limited` with a Retry-After when the draw got no token; `what` names the caller
 * in the message ("requests with this token", "connection tests").
 */
export function checkDraw(draw: Draw, perMinute: number, what: string) {
  if (draw.granted) return;
  const retryAfter = Math.max(1, Math.ceil(((1 - Number(draw.tokens)) / perMinute) * 60));
  throw new ServiceError('rate_limited', `Too many ${what}: the limit is ${perMinute} per minute. Retry in ${retryAfter} s.`, { retryAfter });
}

/** Draws one token from `key`'s bucket, or throws `rate_limited` (see checkDraw). */
export async function takeToken(db: Tx, key: string, perMinute: number, what: string) {
  const result = (await db.execute(drawToken(key, perMinute))) as unknown as { rows: Draw[] };
  checkDraw(result.rows[0], perMinute, what);
}
