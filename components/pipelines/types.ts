/**
 * What the console reads from the pipelines REST API (/work/shared/API.md, "Automation
 * pipelines"). Kept to the fields the pages show; the routes may send more.
 */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'stopped' | 'timed_out';
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'error' | 'skipped' | 'stopped' | 'timed_out';

export interface ParameterView {
  name: string;
  displayName?: string;
  description?: string;
  default?: string;
  enum?: string[];
}

export interface PipelineSummary {
  name: string;
  displayName: string;
  description: string;
  /** "inline" or "git". */
  source: string;
  version: number;
}

export interface PipelineView {
  name: string;
  displayName: string;
  description: string;
  source: { kind: 'inline' } | { kind: 'git'; url: string | null; branch: string | null; path: string | null; hasCredentials: boolean };
  version: number;
  yaml: string | null;
  parameters: ParameterView[];
  variables: { name: string; value: string }[];
  /** Names only: secret values are write-only. */
  secrets: string[];
}

export interface VersionView {
  version: number;
  gitCommit?: string | null;
  createdBy?: string;
  createdAt: string;
}

export interface StepView {
  id: string;
  stepId: string;
  name: string;
  group: number;
  index: number;
  attempt: number;
  status: StepStatus;
  exitCode?: number | null;
  message?: string | null;
  /** Plain outputs (pipeline secrets in them masked). */
  outputs?: Record<string, unknown>;
  /** Names of the secret outputs set; their values never reach the console. */
  secretOutputs?: string[];
  startedAt?: string | null;
  finishedAt?: string | null;
}

export interface RunView {
  id: string;
  number: number;
  version: number;
  status: RunStatus;
  parameters: Record<string, string>;
  triggeredBy: string;
  reason?: string | null;
  createdAt: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  steps?: StepView[];
}

export interface Page<T> {
  items: T[];
}

export const isLiveRun = (r: Pick<RunView, 'status'>) => r.status === 'queued' || r.status === 'running';
