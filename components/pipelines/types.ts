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
  sourceKind: 'inline' | 'git';
  currentVersion: number;
  updatedAt?: string;
  lastRun?: { number: number; status: RunStatus; startedAt?: string | null } | null;
}

export interface PipelineView extends PipelineSummary {
  yaml: string;
  git?: { url: string; branch: string; path: string; username?: string | null } | null;
  parameters: ParameterView[];
  variables: { name: string; value: string }[];
  /** Names only: secret values are write-only. */
  secrets: { name: string }[];
}

export interface VersionView {
  version: number;
  yaml: string;
  gitCommit?: string | null;
  createdAt: string;
  createdByLabel?: string;
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
  startedAt?: string | null;
  finishedAt?: string | null;
}

export interface RunView {
  id: string;
  number: number;
  version: number;
  status: RunStatus;
  parameters: Record<string, string>;
  triggeredByLabel: string;
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
