import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { componentRef, deployment } from './component';
import { organizationRef } from './organization';

/** A token that lets an external CI deploy one component. Stored as a SHA-256 hash. */
export const ciToken = pgTable(
  'ci_token',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    componentId: componentRef(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull().unique(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('ci_token_component_idx').on(t.componentId)],
);

export const deliverySources = ['ci', 'dockerhub', 'ghcr', 'harbor', 'quay', 'distribution'] as const;

/** Every webhook call, so a person can see why a push did (not) deploy. */
export const webhookDelivery = pgTable(
  'webhook_delivery',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    componentId: componentRef(),
    tokenId: uuid('token_id').references(() => ciToken.id, { onDelete: 'set null' }),
    source: text('source', { enum: deliverySources }).notNull(),
    image: text('image'),
    result: text('result', { enum: ['accepted', 'ignored', 'rejected'] }).notNull(),
    message: text('message'),
    deploymentId: uuid('deployment_id').references(() => deployment.id, { onDelete: 'set null' }),
    commit: text('commit'),
    buildUrl: text('build_url'),
    idempotencyKey: text('idempotency_key'),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body').$type<unknown>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_delivery_component_idx').on(t.componentId, t.createdAt),
    uniqueIndex('webhook_delivery_idempotency_uq').on(t.componentId, t.idempotencyKey).where(sql`idempotency_key is not null`),
  ],
);
