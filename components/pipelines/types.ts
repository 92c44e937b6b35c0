/**
 * What the console reads from the pipelines REST API: the services' own answer types
 * (lib/services/pipelines/present.ts), so the pages and the routes cannot drift apart.
 */
import type { PipelineView, RunView as PresentedRun, StepView } from '@/lib/services/pipelines/present';
import type { listPipelines } from '@/lib/services/pipelines/get-pipeline';
import type { listVersions } from '@/lib/services/pipelines/list-versions';

export type { PipelineView, StepView };
export type RunView = PresentedRun & { steps?: StepView[] };
export type RunStatus = RunView['status'];
export type StepStatus = StepView['status'];
export type ParameterView = PipelineView['parameters'][number];
export type PipelineSummary = Awaited<ReturnType<typeof listPipelines>>[number];
export type VersionView = Awaited<ReturnType<typeof listVersions>>[number];

export interface Page<T> {
  items: T[];
}

export const isLiveRun = (r: Pick<RunView, 'status'>) => r.status === 'queued' || r.status === 'running';
