import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { component, componentRef, deployment, release } from './component';
import { environment } from './environment';
import { organizationRef } from './organization';

export const concurrencyPolicies = ['Forbid', 'Allow', 'Replace'] as const;
export const executionStatuses = ['queued', 'running', 'succeeded', 'failed', 'timed_out', 'stopped', 'skipped', 'missed'] as const;
export const executionTriggers = ['schedule', 'user', 'api', 'ci'] as const;
/** Statuses in which an execution may still have a container; the engine claims these. */
export const liveExecutionStatuses = ['queued', 'running'] as const;

/**
 * The schedule of a scheduled task in one environment. On docker planes the control plane's
 * scheduler fires it (next_run_at, claimed with SKIP LOCKED); on kubernetes planes it is
 * rendered into the CronJob.
 */
export const taskSchedule = pgTable(
  'task_schedule',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    componentId: componentRef(),
    environmentId: uuid('environment_id')
      .notNull()
      .references(() => environment.id, { onDelete: 'cascade' }),
    cron: text('cron').notNull(),
    timeZone: text('time_zone').notNull().default('UTC'),
    concurrencyPolicy: text('concurrency_policy', { enum: concurrencyPolicies }).notNull().default('Forbid'),
    startingDeadlineSeconds: integer('starting_deadline_seconds').notNull().default(300),
    paused: boolean('paused').notNull().default(false),
    /** The next slot to fire; null while paused. */
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    lastScheduledFor: timestamp('last_scheduled_for', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('task_schedule_component_env_uq').on(t.componentId, t.environmentId),
    index('task_schedule_due_idx').on(t.nextRunAt).where(sql`not paused`),
  ],
);

/** One run of a task: scheduled, manual or from the API. Its logs are log_chunk rows (owner_kind 'execution'). */
export const taskExecution = pgTable(
  'task_execution',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    componentId: componentRef(),
    environmentId: uuid('environment_id')
      .notNull()
      .references(() => environment.id, { onDelete: 'cascade' }),
    /** What ran: the release (digest) and the deployment whose settings it ran with. Null for a slot skipped before anything was deployed. */
    releaseId: uuid('release_id').references(() => release.id, { onDelete: 'cascade' }),
    deploymentId: uuid('deployment_id').references(() => deployment.id, { onDelete: 'set null' }),
    /** Per component, from component.last_execution_number. */
    number: integer('number').notNull(),
    trigger: text('trigger', { enum: executionTriggers }).notNull(),
    triggeredByLabel: text('triggered_by_label').notNull(),
    /** The slot a scheduled execution was for; unique per (component, environment): exactly once per slot. */
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    /** The schedule it fired under (cron, zone), for a reproducible history. */
    // atSlot: fired ahead of its slot; the execution kind starts it at the slot and applies the concurrency policy then.
    schedule: jsonb('schedule').$type<{ cron: string; timeZone: string; concurrencyPolicy: string; atSlot?: boolean; startingDeadlineSeconds?: number }>(),
    args: jsonb('args').$type<string[]>().notNull().default([]),
    timeoutSeconds: integer('timeout_seconds').notNull().default(3600),
    status: text('status', { enum: executionStatuses }).notNull().default('queued'),
    exitCode: integer('exit_code'),
    reason: text('reason'),
    /** Log lines stored so far: a handler re-following a container after a restart skips these. */
    logLines: integer('log_lines').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    stopRequestedAt: timestamp('stop_requested_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('task_execution_number_uq').on(t.componentId, t.number),
    uniqueIndex('task_execution_slot_uq').on(t.componentId, t.environmentId, t.scheduledFor),
    index('task_execution_component_created_idx').on(t.componentId, t.createdAt),
    index('task_execution_live_idx').on(t.status, t.createdAt).where(sql`status in ('queued', 'running')`),
  ],
);

/**
 * Stored log lines of a run-to-completion container (task executions; pipeline steps next),
 * kept after the container is removed, pruned after the retention period. One row holds a
 * chunk of consecutive lines starting at line `seq`.
 */
export const logChunk = pgTable(
  'log_chunk',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ownerKind: text('owner_kind', { enum: ['execution', 'step'] }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    seq: integer('seq').notNull(),
    lines: jsonb('lines').$type<{ stream: 'stdout' | 'stderr'; text: string; at: string }[]>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('log_chunk_owner_seq_uq').on(t.ownerKind, t.ownerId, t.seq), index('log_chunk_at_idx').on(t.at)],
);

export type TaskExecutionRow = typeof taskExecution.$inferSelect;
export type TaskScheduleRow = typeof taskSchedule.$inferSelect;
