import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { rateLimitBucket } from '@/db/schema';
import { ServiceError } from '@/lib/errors';

/**
 * A token bucket per key: bursts up to `perMinute`, refilled continuously. The bucket is a
 * row, refilled and drawn from in one statement (the row lock orders concurrent callers), so
 * the limit holds across every console process on one database.
 * Throws `rate_limited` with a Retry-After when the bucket is empty; `what` names the caller
 * in the message ("with this token", "connection tests").
 */
export async function takeToken(db: Tx, key: string, perMinute: number, what: string) {
  // In ON CONFLICT DO UPDATE every b.* is the row before this draw.
  const refilled = sql`least(${perMinute}::float8, b.tokens + extract(epoch from clock_timestamp() - b.at) / 60 * ${perMinute}::float8)`;
  const result = (await db.execute(sql`
    insert into ${rateLimitBucket} as b (key, tokens, at, granted) values (${key}, ${perMinute}::float8 - 1, clock_timestamp(), true)
    on conflict (key) do update set
      tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
      granted = ${refilled} >= 1,
      at = clock_timestamp()
    returning tokens, granted`)) as unknown as { rows: { tokens: number | string; granted: boolean }[] };
  const [row] = result.rows;
  if (!row.granted) {
    const retryAfter = Math.max(1, Math.ceil(((1 - Number(row.tokens)) / perMinute) * 60));
    throw new ServiceError('rate_limited', `Too many ${what}: the limit is ${perMinute} per minute. Retry in ${retryAfter} s.`, { retryAfter });
  }
}
