import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organization } from './organization';

export const auditEvent = pgTable(
  'audit_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').references(() => organization.id, { onDelete: 'cascade' }),
    actorType: text('actor_type', { enum: ['user', 'api-key', 'ci-token', 'system'] }).notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    /** Where the call came from: console, api, ci or system. */
    via: text('via', { enum: ['console', 'api', 'ci', 'system'] }).notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    /** A snapshot of non-secret fields. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [// Ascending on purpose: a backward scan serves ORDER BY created_at DESC, id DESC.
    index('audit_event_org_created_idx').on(t.organizationId, t.createdAt, t.id)],
);
