// Shapes the task verbs return. Client-safe (types only) so console components can import them.

export const EXECUTION_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'stopped',
  'skipped',
  'missed',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** Statuses after which nothing about an execution changes any more. */
export const FINAL_EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'succeeded',
  'failed',
  'timed_out',
  'stopped',
  'skipped',
  'missed',
];

export const EXECUTION_TRIGGERS = ['schedule', 'user', 'api', 'ci'] as const;
export type ExecutionTrigger = (typeof EXECUTION_TRIGGERS)[number];

export type ConcurrencyPolicy = 'Forbid' | 'Allow' | 'Replace';

export type Execution = {
  id: string;
  number: number;
  environment: string;
  status: ExecutionStatus;
  exitCode: number | null;
  reason: string | null;
  trigger: ExecutionTrigger;
  scheduledFor: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  args: string[];
  release: { id: string; image: string; digest: string };
};

export type ExecutionSummary = Execution;

export type Schedule = {
  cron: string;
  timeZone: string;
  concurrencyPolicy: ConcurrencyPolicy;
  startingDeadlineSeconds: number;
  paused: boolean;
  /** The cron expression read in words. */
  description: string;
  /** The next 5 run times, ISO strings (empty while paused). */
  nextRuns: string[];
  lastRun: ExecutionSummary | null;
};

export type ExecutionPage = {
  items: Execution[];
  last30Days: number;
  nextCursor: string | null;
};

export type LogLine = {
  seq: number;
  stream: 'stdout' | 'stderr';
  text: string;
  at: string;
};

export type ExecutionLogs = { lines: LogLine[]; done: boolean };

export type RunTaskResult = { id: string; number: number; status: ExecutionStatus };

export type TaskPath = { org: string; project: string; component: string };
export type TaskEnvPath = TaskPath & { environment: string };

export type GetScheduleInput = TaskEnvPath;
export type SetScheduleInput = TaskEnvPath & {
  cron: string;
  timeZone: string;
  concurrencyPolicy?: ConcurrencyPolicy;
  startingDeadlineSeconds?: number;
  /** Omitted: stays as it is. */
  paused?: boolean;
};
export type SetSchedulePausedInput = TaskEnvPath & { paused: boolean };
export type RunTaskInput = TaskPath & { environment?: string; args?: string[] };
export type StopExecutionInput = TaskPath & { id: string };
export type ListExecutionsInput = TaskPath & {
  environment?: string;
  cursor?: string;
  limit?: number;
};
export type GetExecutionInput = TaskPath & { id: string };
export type ExecutionLogsInput = TaskPath & { id: string };
