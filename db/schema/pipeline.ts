import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { dataPlane } from './environment';
import { organizationRef } from './organization';

export const pipelineSourceKinds = ['inline', 'git'] as const;
export const pipelineRunStatuses = ['queued', 'running', 'succeeded', 'failed', 'stopped', 'timed_out'] as const;
export type PipelineRunStatus = (typeof pipelineRunStatuses)[number];
/** Statuses in which a run may still have containers; the engine claims these. */
export const livePipelineRunStatuses = ['queued', 'running'] as const;
export const pipelineStepStatuses = ['pending', 'running', 'succeeded', 'failed', 'error', 'skipped', 'stopped', 'timed_out'] as const;
export type PipelineStepStatus = (typeof pipelineStepStatuses)[number];
export const pipelineRunTriggers = ['user', 'api', 'schedule'] as const;

/**
 * An automation pipeline of an organisation: inline (each saved edit is a new version) or
 * from Git (the file at the branch head when a run starts; a new version when it changed).
 */
export const pipeline = pgTable(
  'pipeline',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    /** Slug, unique in the organisation: the URL segment. */
    name: text('name').notNull(),
    displayName: text('display_name').notNull(),
    description: text('description').notNull().default(''),
    sourceKind: text('source_kind', { enum: pipelineSourceKinds }).notNull(),
    gitUrl: text('git_url'),
    gitBranch: text('git_branch'),
    gitPath: text('git_path'),
    /** AES-256-GCM ciphertext of the Git credentials (JSON {username, token}); never selected by ordinary finders. */
    gitCredentialCiphertext: text('git_credential_ciphertext'),
    /** The docker data plane runs are on; null: the organisation's first docker plane. */
    dataPlaneId: uuid('data_plane_id').references(() => dataPlane.id, { onDelete: 'set null' }),
    currentVersion: integer('current_version').notNull().default(0),
    lastRunNumber: integer('last_run_number').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pipeline_org_name_uq').on(t.organizationId, t.name)],
);

/** One saved version of a pipeline's YAML (a Git version records the commit it came from). */
export const pipelineVersion = pgTable(
  'pipeline_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipeline.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    yaml: text('yaml').notNull(),
    sha256: text('sha256').notNull(),
    gitCommit: text('git_commit'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pipeline_version_uq').on(t.pipelineId, t.version)],
);

/** A plain pipeline variable: visible to everyone who can edit the pipeline. */
export const pipelineVariable = pgTable(
  'pipeline_variable',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipeline.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    value: text('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pipeline_variable_uq').on(t.pipelineId, t.name)],
);

/** A pipeline secret: write-only, AES-256-GCM (lib/crypto), masked in every stored log line. */
export const pipelineSecret = pgTable(
  'pipeline_secret',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipeline.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    valueCiphertext: text('value_ciphertext').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pipeline_secret_uq').on(t.pipelineId, t.name)],
);

/** One run of one pipeline version, driven by the job engine ('pipeline-run' kind). */
export const pipelineRun = pgTable(
  'pipeline_run',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipeline.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => pipelineVersion.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** Per pipeline, from pipeline.last_run_number. */
    number: integer('number').notNull(),
    status: text('status', { enum: pipelineRunStatuses }).notNull().default('queued'),
    /** A Git pipeline's run: the commit of the branch head it ran. */
    gitCommit: text('git_commit'),
    /** The run-time parameters chosen (defaults filled in); never secrets. */
    parameters: jsonb('parameters').$type<Record<string, string>>().notNull().default({}),
    trigger: text('trigger', { enum: pipelineRunTriggers }).notNull(),
    triggeredByLabel: text('triggered_by_label').notNull(),
    timeoutSeconds: integer('timeout_seconds').notNull().default(3600),
    reason: text('reason'),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    stopRequestedAt: timestamp('stop_requested_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    /** startedAt + timeoutSeconds: after it the run is stopped as timed out. */
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pipeline_run_number_uq').on(t.pipelineId, t.number),
    index('pipeline_run_pipeline_created_idx').on(t.pipelineId, t.createdAt),
    index('pipeline_run_live_idx').on(t.status, t.createdAt).where(sql`status in ('queued', 'running')`),
  ],
);

/**
 * One attempt of one step of a run. Rows are created as the run reaches them (a pending row
 * is written for each step of a group before it starts); logs are log_chunk rows with
 * owner_kind 'step' and owner_id = this row's id.
 */
export const pipelineStep = pgTable(
  'pipeline_step',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => pipelineRun.id, { onDelete: 'cascade' }),
    group: integer('group').notNull(),
    index: integer('index').notNull(),
    /** The step slug ({{steps.<stepId>…}}). */
    stepId: text('step_id').notNull(),
    name: text('name').notNull(),
    attempt: integer('attempt').notNull().default(1),
    status: text('status', { enum: pipelineStepStatuses }).notNull().default('pending'),
    exitCode: integer('exit_code'),
    message: text('message'),
    /** Plain output parameters (pipeline secrets in them masked). */
    outputs: jsonb('outputs').$type<Record<string, unknown>>().notNull().default({}),
    /** Secret outputs (spec `secret: true`): name → AES-256-GCM ciphertext bound to this row and the name; never presented. */
    secretOutputs: jsonb('secret_outputs').$type<Record<string, string>>().notNull().default({}),
    /** Engine container id of the attempt: a restarted console re-attaches to it. */
    containerId: text('container_id'),
    logLines: integer('log_lines').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('pipeline_step_attempt_uq').on(t.runId, t.stepId, t.attempt), index('pipeline_step_run_idx').on(t.runId, t.group, t.index)],
);

export type PipelineRow = typeof pipeline.$inferSelect;
export type PipelineVersionRow = typeof pipelineVersion.$inferSelect;
export type PipelineRunRow = typeof pipelineRun.$inferSelect;
export type PipelineStepRow = typeof pipelineStep.$inferSelect;
