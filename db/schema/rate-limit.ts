import { boolean, doublePrecision, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Token buckets of the rate limits (lib/services/rate-limit.ts), in the database so that
 * every console process on one Postgres draws from the same bucket.
 */
export const rateLimitBucket = pgTable('rate_limit_bucket', {
  /** "ci:<token id>", "registry-draft-test:user:<id>". */
  key: text('key').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  /** Whether the last draw got a token (what the drawing statement returns). */
  granted: boolean('granted').notNull().default(true),
});
