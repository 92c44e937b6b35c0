import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { deploymentStatuses } from './deployment-status';
import { environment } from './environment';
import { organizationRef } from './organization';
import { project } from './project';
import { containerRegistry } from './registry';
import type { StoredEndpoint } from './endpoints';
import type { ReleaseConnectionEntry } from './marketplace';
// Relative: drizzle-kit loads the schema without the @/ path alias.
import { COMPONENT_TYPES, type ComponentType } from '../../lib/component-types';

// What each type means lives in lib/component-types; the column takes its list.
export const componentTypes = COMPONENT_TYPES;
export type { ComponentType };

export interface ComponentPort {
  name: string;
  port: number;
  protocol: 'TCP' | 'UDP';
}

export const component = pgTable(
  'component',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    displayName: text('display_name').notNull(),
    description: text('description').notNull().default(''),
    type: text('type', { enum: componentTypes }).notNull(),
    registryId: uuid('registry_id')
      .notNull()
      .references(() => containerRegistry.id),
    /** Image name without tag or digest, on the registry's host: "127.0.0.1:5000/team/hello". */
    repository: text('repository').notNull(),
    ports: jsonb('ports').$type<ComponentPort[]>().notNull().default([]),
    healthPath: text('health_path'),
    /** Cron expression (scheduled tasks). */
    schedule: text('schedule'),
    /** Glob of tags a registry push may deploy (External CI). */
    tagFilter: text('tag_filter'),
    /** Tasks: how long one execution may run before it is stopped (timed out). */
    taskTimeoutSeconds: integer('task_timeout_seconds').notNull().default(3600),
    /** Tasks: the number of the last execution (numbers are per component). */
    lastExecutionNumber: integer('last_execution_number').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('component_project_name_uq').on(t.projectId, t.name), index('component_org_idx').on(t.organizationId),
    index('component_project_created_idx').on(t.projectId, t.createdAt, t.id), index('component_registry_idx').on(t.registryId)],
);

/** The component a row belongs to: deleted with it. */
export const componentRef = () =>
  uuid('component_id')
    .notNull()
    .references(() => component.id, { onDelete: 'cascade' });

/** What a release runs besides its image and config: the settings read from the component when it was made. */
export interface ReleaseWorkload {
  ports: ComponentPort[];
  healthPath: string | null;
  /** The endpoints.yaml draft as it was (normalised). */
  endpoints: StoredEndpoint[];
  /** Tasks: the component-level settings (the per-environment schedule is the environment's). */
  task: { timeoutSeconds: number; schedule: string | null } | null;
}

/** One configuration entry as a release froze it. Secrets stay encrypted (label: the config row id). */
export interface ReleaseConfigEntry {
  configId: string;
  environmentId: string | null;
  kind: 'env' | 'file';
  key: string;
  value: string | null;
  secret: boolean;
  valueCiphertext: string | null;
}

/**
 * An immutable snapshot of a whole workload: digest-pinned image + workload settings + the
 * config revision. Redeploy, promotion and rollback run exactly this, never the component's
 * live settings. Rows from before snapshots (workload null) fall back to the live settings.
 */
export const release = pgTable(
  'release',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    componentId: componentRef(),
    /** The reference it was resolved from: "127.0.0.1:5000/team/hello:1.0". */
    image: text('image').notNull(),
    tag: text('tag'),
    digest: text('digest').notNull(),
    workload: jsonb('workload').$type<ReleaseWorkload>(),
    /** Never selected by ordinary finders: holds secret ciphertexts (only the data-plane path decrypts). */
    config: jsonb('config').$type<ReleaseConfigEntry[]>(),
    /** What its connections inject, every environment (marketplace.ts); secret ciphertexts, so never selected by ordinary finders either. Null: made before connections were frozen. */
    connections: jsonb('connections').$type<ReleaseConnectionEntry[]>(),
    /** Short hash of the config entries: equal revisions mean equal configuration. */
    configRevision: text('config_revision'),
    /** Hash of image + digest + workload + config: a deploy of an identical snapshot reuses the release. */
    snapshotHash: text('snapshot_hash'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('release_component_idx').on(t.componentId, t.createdAt), index('release_snapshot_idx').on(t.componentId, t.snapshotHash)],
);

export interface DeploymentTaskSettings {
  timeoutSeconds: number;
  schedule: { cron: string; timeZone: string; concurrencyPolicy: 'Forbid' | 'Allow' | 'Replace'; startingDeadlineSeconds: number } | null;
}

/**
 * What started a deployment, for the history ("CI token", "Promote" …): the actor says who, this says why.
 * Null on deployments made before it was recorded.
 */
export const deploymentTriggers = ['console', 'api', 'ci', 'registry-event', 'promote', 'config', 'rollback', 'system'] as const;
export type DeploymentTrigger = (typeof deploymentTriggers)[number];

export const observedStatuses = ['running', 'degraded', 'missing'] as const;

export const deployment = pgTable(
  'deployment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    componentId: componentRef(),
    environmentId: uuid('environment_id')
      .notNull()
      .references(() => environment.id, { onDelete: 'cascade' }),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => release.id, { onDelete: 'cascade' }),
    status: text('status', { enum: deploymentStatuses }).notNull().default('queued'),
    reason: text('reason'),
    lastLogLines: jsonb('last_log_lines').$type<string[]>(),
    endpoints: jsonb('endpoints').$type<{ name: string; url: string; networkUrl?: string }[]>(),
    triggeredByType: text('triggered_by_type').notNull(),
    triggeredByLabel: text('triggered_by_label').notNull(),
    trigger: text('trigger', { enum: deploymentTriggers }),
    attempts: integer('attempts').notNull().default(0),
    notBefore: timestamp('not_before', { withTimezone: true }),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** Tasks: the task settings this deployment was made with (schedule, timeout), so what ran is reproducible. */
    taskSettings: jsonb('task_settings').$type<DeploymentTaskSettings>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Drift detection on the active deployment: what the data plane runs (null: not checked yet). */
    observedStatus: text('observed_status', { enum: observedStatuses }),
    observedReason: text('observed_reason'),
    observedAt: timestamp('observed_at', { withTimezone: true }),
  },
  (t) => [
    index('deployment_component_env_idx').on(t.componentId, t.environmentId, t.createdAt),
    index('deployment_component_created_idx').on(t.componentId, t.createdAt, t.id),
    index('deployment_queue_idx').on(t.status, t.createdAt),
    // The organisation's change feed: what changed since a cursor, cheaply (polled across processes).
    index('deployment_org_updated_idx').on(t.organizationId, t.updatedAt),
    index('deployment_org_observed_idx').on(t.organizationId, t.observedAt),
    // What a new request supersedes: the waiting ones of its (component, environment).
    index('deployment_waiting_idx').on(t.componentId, t.environmentId).where(sql`status = 'queued'`),
    // At most one rollout in flight per (component, environment), whatever the number of workers.
    uniqueIndex('deployment_one_in_flight_uq')
      .on(t.componentId, t.environmentId)
      .where(sql`status in ('resolving', 'pulling', 'starting', 'health-checking')`),
    // Exactly one active release per (component, environment).
    uniqueIndex('deployment_one_active_uq').on(t.componentId, t.environmentId).where(sql`status = 'active'`),
  ],
);

export const deploymentEvent = pgTable(
  'deployment_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployment.id, { onDelete: 'cascade' }),
    status: text('status', { enum: deploymentStatuses }).notNull(),
    message: text('message'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('deployment_event_deployment_idx').on(t.deploymentId, t.at)],
);

/** Environment variables and file mounts; environmentId null = every environment. */
export const componentConfig = pgTable(
  'component_config',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    componentId: componentRef(),
    environmentId: uuid('environment_id').references(() => environment.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['env', 'file'] }).notNull(),
    /** Variable name, or the file's absolute mount path. */
    key: text('key').notNull(),
    value: text('value'),
    secret: boolean('secret').notNull().default(false),
    valueCiphertext: text('value_ciphertext'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('component_config_uq').on(t.componentId, t.kind, t.key, sql`coalesce(${t.environmentId}::text, '')`)],
);
