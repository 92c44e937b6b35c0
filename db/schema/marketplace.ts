import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { component, deployment, release } from './component';
import { environment } from './environment';
import { organizationRef } from './organization';
import { project } from './project';
// Relative: drizzle-kit loads the schema without the @/ path alias.
import { MARKETPLACE_CATEGORIES } from '../../lib/marketplace/categories';

/**
 * A resource in the organisation's internal marketplace, published by a pipeline run or
 * registered by hand. (name, version) is unique per organisation: publishing the same pair
 * again updates the row and bumps `revision`, which is how consumers learn to redeploy.
 * Endpoint-derived entries are not stored: they are read from component_endpoints + the
 * active deployments (lib/marketplace/endpoint-entries.ts).
 */
export const marketplaceEntry = pgTable(
  'marketplace_entry',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    name: text('name').notNull(),
    version: text('version').notNull(),
    category: text('category', { enum: MARKETPLACE_CATEGORIES }).notNull(),
    description: text('description').notNull().default(''),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    properties: jsonb('properties').$type<Record<string, string>>().notNull().default({}),
    source: text('source', { enum: ['manual', 'pipeline'] }).notNull(),
    /** The pipeline run that published it last (source = pipeline). */
    sourceRunId: text('source_run_id'),
    /** 1 at creation, +1 at every re-publish: a deployment that used an older revision is stale. */
    revision: integer('revision').notNull().default(1),
    updatedByLabel: text('updated_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('marketplace_entry_org_name_version_uq').on(t.organizationId, t.name, t.version), index('marketplace_entry_org_category_idx').on(t.organizationId, t.category)],
);

/** One credential parameter of an entry in one environment; a secret is stored only encrypted. */
export const marketplaceCredential = pgTable(
  'marketplace_credential',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => marketplaceEntry.id, { onDelete: 'cascade' }),
    environmentId: uuid('environment_id')
      .notNull()
      .references(() => environment.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    isSecret: boolean('is_secret').notNull().default(false),
    value: text('value'),
    valueCiphertext: text('value_ciphertext'),
  },
  (t) => [uniqueIndex('marketplace_credential_entry_env_key_uq').on(t.entryId, t.environmentId, t.key)],
);

/**
 * A component's (or, with componentId null, every component of a project's) use of a
 * marketplace entry: either a stored entry (entryId) or a component endpoint
 * (endpointComponentId + endpointName). `env` maps each key to the variable it becomes.
 */
export const connection = pgTable(
  'connection',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    componentId: uuid('component_id').references(() => component.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Deleting an entry in use is refused by the service; the foreign key keeps it so ("no action": checked at the end of the statement, so deleting a whole organisation still cascades). */
    entryId: uuid('entry_id').references(() => marketplaceEntry.id, { onDelete: 'no action' }),
    endpointComponentId: uuid('endpoint_component_id').references(() => component.id, { onDelete: 'cascade' }),
    endpointName: text('endpoint_name'),
    env: jsonb('env').$type<Record<string, string>>().notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('connection_component_name_uq').on(t.componentId, t.name).where(sql`component_id is not null`),
    uniqueIndex('connection_project_name_uq').on(t.projectId, t.name).where(sql`component_id is null`),
    index('connection_entry_idx').on(t.entryId),
    index('connection_project_idx').on(t.projectId),
  ],
);

/**
 * One connection as a release froze it: the variables it maps and, for every environment,
 * the values its entry had when the release was made — so a rollback, redeploy or promotion
 * injects what that release ran with. Secrets stay encrypted: the credential row's ciphertext,
 * bound to its id (`credentialId`), which still decrypts after a re-publish replaced the row.
 */
export interface ReleaseConnectionEntry {
  connectionId: string;
  name: string;
  scope: 'project' | 'component';
  /** A stored entry's id; null for an endpoint-derived entry. */
  entryId: string | null;
  entryName: string;
  entryVersion: string;
  entryRevision: number;
  /** Key → environment variable. */
  env: Record<string, string>;
  values: ReleaseConnectionValue[];
}

export interface ReleaseConnectionValue {
  environmentId: string;
  key: string;
  secret: boolean;
  value: string | null;
  credentialId: string | null;
  valueCiphertext: string | null;
}

/**
 * Which entry revisions a deployment's container was given (one row per connection).
 * Keyed by deployment as well as release: today a release is only the image and is shared
 * by environments, while connection values differ per environment.
 */
export const releaseConnection = pgTable(
  'release_connection',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => release.id, { onDelete: 'cascade' }),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployment.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id'),
    connectionName: text('connection_name').notNull(),
    entryId: uuid('entry_id'),
    entryName: text('entry_name').notNull(),
    entryVersion: text('entry_version').notNull(),
    entryRevision: integer('entry_revision').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('release_connection_deployment_idx').on(t.deploymentId)],
);
