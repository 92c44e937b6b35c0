import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { componentRef, deployment, release } from './component';
import { environment } from './environment';
import { organization, organizationRef } from './organization';

/**
 * An organisation's promotion policy: when `requireApproval` is set, a promotion to the last
 * environment of the path waits for an admin or a platform engineer (promotion_request).
 * No row: no approval needed.
 */
export const promotionPolicy = pgTable('promotion_policy', {
  organizationId: text('organization_id')
    .primaryKey()
    .references(() => organization.id, { onDelete: 'cascade' }),
  requireApproval: boolean('require_approval').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const promotionRequestStatuses = ['pending', 'approved', 'rejected', 'canceled'] as const;

/** A promotion waiting for approval (then approved, rejected, or canceled by a newer request or a deletion). */
export const promotionRequest = pgTable(
  'promotion_request',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    componentId: componentRef(),
    fromEnvironmentId: uuid('from_environment_id')
      .notNull()
      .references(() => environment.id, { onDelete: 'cascade' }),
    toEnvironmentId: uuid('to_environment_id')
      .notNull()
      .references(() => environment.id, { onDelete: 'cascade' }),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => release.id, { onDelete: 'cascade' }),
    status: text('status', { enum: promotionRequestStatuses }).notNull().default('pending'),
    requestedByLabel: text('requested_by_label').notNull(),
    decidedByLabel: text('decided_by_label'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Why it was rejected (optional, shown to the requester). */
    reason: text('reason'),
    /** The deployment an approval queued. */
    deploymentId: uuid('deployment_id').references(() => deployment.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One waiting request per (component, target environment): a newer one replaces it.
    uniqueIndex('promotion_request_pending_uq').on(t.componentId, t.toEnvironmentId).where(sql`status = 'pending'`),
    index('promotion_request_org_idx').on(t.organizationId, t.status, t.createdAt),
  ],
);
