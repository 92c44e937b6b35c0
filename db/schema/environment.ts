import { boolean, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizationRef } from './organization';

/** One "may the credentials do this?" answer (a Kubernetes SelfSubjectAccessReview). */
export interface PermissionCheck {
  verb: string;
  resource: string;
  group: string;
  allowed: boolean;
}

export interface DataPlaneHealthDetails {
  version?: string;
  permissions?: PermissionCheck[];
}

export const dataPlane = pgTable(
  'data_plane',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    name: text('name').notNull(),
    driver: text('driver', { enum: ['docker', 'kubernetes'] }).notNull(),
    /** Non-secret settings (socket path, namespace prefix). */
    settings: jsonb('settings').$type<Record<string, string>>().notNull().default({}),
    /** Encrypted secret material (a kubeconfig); never selected by ordinary finders. */
    secretCiphertext: text('secret_ciphertext'),
    /** The last health check (Test connection, or the periodic check): null until the first one. */
    healthOk: boolean('health_ok'),
    healthMessage: text('health_message'),
    healthCheckedAt: timestamp('health_checked_at', { withTimezone: true }),
    /** What the last check learnt besides ok: server version, what the credentials may do. */
    healthDetails: jsonb('health_details').$type<DataPlaneHealthDetails>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('data_plane_org_name_uq').on(t.organizationId, t.name)],
);

export const environment = pgTable(
  'environment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    name: text('name').notNull(),
    displayName: text('display_name').notNull(),
    /** Position on the promotion path: 0 is the first environment deployments go to. */
    position: integer('position').notNull(),
    dataPlaneId: uuid('data_plane_id')
      .notNull()
      .references(() => dataPlane.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('environment_org_name_uq').on(t.organizationId, t.name), uniqueIndex('environment_org_position_uq').on(t.organizationId, t.position)],
);
