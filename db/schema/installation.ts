import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * This Gantry installation: one row, created on first start. Its id goes into
 * the names and labels of everything put on a shared container engine, so
 * several installations (or several processes of one, sharing this database)
 * agree on what is theirs.
 */
export const installation = pgTable('installation', {
  id: text('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
