/**
 * Reading a Workflow back: its `status.nodes` become Gantry's run and step statuses (the
 * vocabulary of db/schema/pipeline.ts), with attempts from Retry nodes. Stop is the merge-patch
 * `spec.shutdown: Stop`: Argo ends the run Failed with "Stopped with strategy 'Stop'", which
 * is shown as Stopped; the run deadline (activeDeadlineSeconds) is shown as Timed out.
 */
import type { ConformanceRunStatus, ConformanceStepStatus } from '@/lib/pipelines/conformance/cases';

export type ArgoRunStatus = ConformanceRunStatus | 'running';
export type ArgoStepStatus = ConformanceStepStatus | 'pending' | 'running';

export interface ArgoNode {
  id: string;
  name?: string;
  displayName?: string;
  type?: string;
  phase?: string;
  message?: string;
  templateName?: string;
  boundaryID?: string;
  children?: string[];
  startedAt?: string | null;
  finishedAt?: string | null;
  outputs?: { parameters?: { name: string; value?: string }[]; exitCode?: string };
}

export interface ArgoWorkflowObject {
  metadata?: { name?: string };
  spec?: { shutdown?: string };
  status?: { phase?: string; message?: string; startedAt?: string | null; finishedAt?: string | null; nodes?: Record<string, ArgoNode> };
}

export interface StepReadBack {
  stepId: string;
  status: ArgoStepStatus;
  attempts: number;
  exitCode?: number;
  message?: string;
  outputs: Record<string, string>;
  /** The pod node ids of the attempts, oldest first (for logs: annotation workflows.argoproj.io/node-id). */
  podNodeIds: string[];
  startedAt?: string;
  finishedAt?: string;
}

export interface RunReadBack {
  status: ArgoRunStatus;
  message?: string;
  steps: StepReadBack[];
}

export function stopPatch() {
  return { spec: { shutdown: 'Stop' as const } };
}

const STOPPED = /Stopped with strategy|workflow shutdown|terminated with strategy/i;
const RUN_DEADLINE = /Max duration limit exceeded|activeDeadlineSeconds|Step exceeded its deadline/i;
const STEP_DEADLINE = /longer than the specified deadline|exceeded its deadline|timeout/i;

export function runStatusOf(wf: ArgoWorkflowObject): ArgoRunStatus {
  const phase = wf.status?.phase;
  const message = wf.status?.message ?? '';
  if (phase === 'Succeeded') return 'succeeded';
  if (phase === 'Failed' || phase === 'Error') {
    if (STOPPED.test(message) || wf.spec?.shutdown === 'Stop') return 'stopped';
    if (RUN_DEADLINE.test(message)) return 'timed_out';
    return 'failed';
  }
  return 'running';
}

function stepStatusOf(node: ArgoNode, run: ArgoRunStatus): ArgoStepStatus {
  const message = node.message ?? '';
  switch (node.phase) {
    case 'Succeeded':
      return 'succeeded';
    case 'Skipped':
    case 'Omitted':
      return 'skipped';
    case 'Pending':
      return run === 'running' ? 'pending' : 'stopped';
    case 'Running':
      return run === 'running' ? 'running' : 'stopped';
    case 'Failed':
    case 'Error':
      if (STOPPED.test(message) || (run === 'stopped' && !node.outputs?.exitCode)) return 'stopped';
      // A step ended by a deadline (its own or the run's) is Timed out, as on the local engine.
      if (RUN_DEADLINE.test(message) || STEP_DEADLINE.test(message)) return 'timed_out';
      return node.phase === 'Error' ? 'error' : 'failed';
    default:
      return run === 'running' ? 'pending' : 'skipped';
  }
}

/** The run and the steps listed (in order), read from the Workflow object. */
export function readBack(wf: ArgoWorkflowObject, stepIds: string[]): RunReadBack {
  const run = runStatusOf(wf);
  const nodes = Object.values(wf.status?.nodes ?? {});
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const steps = stepIds.map((stepId): StepReadBack => {
    // The step's own node: its display name is the step name (a Retry node when it retries).
    const node = nodes.find((n) => n.displayName === stepId && n.type !== 'StepGroup' && n.type !== 'Steps');
    if (!node) return { stepId, status: run === 'running' ? 'pending' : 'skipped', attempts: 0, outputs: {}, podNodeIds: [] };
    const pods = node.type === 'Retry' ? (node.children ?? []).map((c) => byId.get(c)).filter((n): n is ArgoNode => !!n && n.type === 'Pod') : node.type === 'Pod' ? [node] : [];
    const last = pods[pods.length - 1] ?? node;
    const exit = last.outputs?.exitCode ?? node.outputs?.exitCode;
    const outputs = Object.fromEntries((node.outputs?.parameters ?? last.outputs?.parameters ?? []).filter((p) => p.value !== undefined).map((p) => [p.name, p.value!]));
    return {
      stepId,
      status: stepStatusOf(node, run),
      attempts: pods.length,
      ...(exit !== undefined && exit !== '' ? { exitCode: Number(exit) } : {}),
      ...(node.message ? { message: node.message } : {}),
      outputs,
      podNodeIds: pods.map((p) => p.id),
      ...(node.startedAt ? { startedAt: node.startedAt } : {}),
      ...(node.finishedAt ? { finishedAt: node.finishedAt } : {}),
    };
  });
  return { status: run, ...(wf.status?.message ? { message: wf.status.message } : {}), steps };
}
