/**
 * Pure reading of Deployment, Job and Pod status: is a rollout done, still
 * progressing (and in which phase), or failed for good?
 */
import type { V1Deployment, V1Job, V1Pod } from '@kubernetes/client-node';
import type { RolloutPhase } from '../types';
import { CONTAINER_NAME } from './render-pod';

export type Evaluation =
  | { state: 'done' }
  | { state: 'progressing'; phase: RolloutPhase; detail?: string }
  | { state: 'failed'; phase: RolloutPhase; message: string; transient: boolean; pod?: string; previousLogs?: boolean };

export const PHASE_ORDER: RolloutPhase[] = ['pulling', 'starting', 'health-checking'];

const PULL_FAILURES = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable']);
const START_FAILURES = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'PreCreateHookError', 'PostStartHookError']);
const TRANSIENT_PULL = /timeout|timed out|connection refused|connection reset|temporar|too many requests|429|50[234]|i\/o/i;

/** What one pod says about the rollout. `started` is true once its container has run at all. */
export function inspectPod(pod: V1Pod): Evaluation & { started: boolean } {
  const name = pod.metadata?.name;
  const statuses = pod.status?.containerStatuses ?? [];
  const status = statuses.find((s) => s.name === CONTAINER_NAME) ?? statuses[0];
  const hasProbe = Boolean(pod.spec?.containers?.[0]?.readinessProbe);
  const started = Boolean(status?.state?.running || status?.state?.terminated || status?.lastState?.terminated);
  const waiting = status?.state?.waiting;
  const reason = waiting?.reason ?? '';
  const detail = waiting?.message ? `${reason}: ${waiting.message}` : reason;

  if (PULL_FAILURES.has(reason)) {
    const message = `The image could not be pulled (${detail}).`;
    return { state: 'failed', phase: 'pulling', message, transient: TRANSIENT_PULL.test(detail), pod: name, started };
  }
  if (START_FAILURES.has(reason)) {
    return { state: 'failed', phase: 'starting', message: `The container could not be started (${detail}).`, transient: false, pod: name, started };
  }
  if (reason === 'CrashLoopBackOff') {
    const last = status?.lastState?.terminated;
    const exit = last ? ` (last exit code ${last.exitCode}${last.reason ? `, ${last.reason}` : ''})` : '';
    return { state: 'failed', phase: 'starting', message: `The container keeps exiting${exit}.`, transient: false, pod: name, started, previousLogs: true };
  }
  const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled) {
    return { state: 'progressing', phase: 'pulling', detail: `the pod cannot be scheduled yet: ${unscheduled.message ?? unscheduled.reason}`, started };
  }
  if (status?.state?.running) {
    const phase = hasProbe ? 'health-checking' : 'starting';
    return { state: 'progressing', phase, detail: status.ready ? undefined : hasProbe ? 'the readiness check has not passed yet' : undefined, started };
  }
  if (started) return { state: 'progressing', phase: 'starting', detail: 'the container exited and is restarting', started };
  return { state: 'progressing', phase: 'pulling', detail: detail || undefined, started };
}

type PodsEvaluation = (Extract<Evaluation, { state: 'failed' }> | Extract<Evaluation, { state: 'progressing' }>) & { anyStarted: boolean };

function inspectPods(pods: V1Pod[]): PodsEvaluation {
  let phase: RolloutPhase = 'pulling';
  let detail: string | undefined;
  let anyStarted = false;
  for (const pod of pods.filter((p) => !p.metadata?.deletionTimestamp)) {
    const result = inspectPod(pod);
    anyStarted ||= result.started;
    if (result.state === 'failed') return { ...result, anyStarted };
    if (result.state !== 'progressing') continue;
    const [next, current] = [PHASE_ORDER.indexOf(result.phase), PHASE_ORDER.indexOf(phase)];
    if (next > current) [phase, detail] = [result.phase, result.detail];
    else if (next === current) detail ??= result.detail;
  }
  return { state: 'progressing', phase, detail, anyStarted };
}

/** Done like `kubectl rollout status`: the new generation is observed, updated, available, and old pods are gone. */
export function isDeploymentDone(dep: V1Deployment): boolean {
  const s = dep.status ?? {};
  const desired = dep.spec?.replicas ?? 1;
  return (
    (dep.metadata?.generation ?? 0) <= (s.observedGeneration ?? -1) &&
    (s.updatedReplicas ?? 0) >= desired &&
    (s.replicas ?? 0) <= (s.updatedReplicas ?? 0) &&
    (s.availableReplicas ?? 0) >= (s.updatedReplicas ?? 0)
  );
}

/** `pods` are the pods of the release being rolled out. */
export function evaluateDeployment(dep: V1Deployment | null, pods: V1Pod[]): Evaluation {
  if (dep && isDeploymentDone(dep)) return { state: 'done' };
  const fromPods = inspectPods(pods);
  if (fromPods.state === 'failed') return fromPods;
  const conditions = dep?.status?.conditions ?? [];
  const stalled = conditions.find((c) => c.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded');
  if (stalled) {
    const message = `The rollout stopped making progress${fromPods.detail ? `: ${fromPods.detail}` : ''}.`;
    return { state: 'failed', phase: fromPods.phase, message, transient: false, pod: pods[0]?.metadata?.name };
  }
  const replicaFailure = conditions.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
  if (replicaFailure) {
    const message = `Kubernetes could not create the pod (${replicaFailure.message ?? replicaFailure.reason}).`;
    return { state: 'failed', phase: 'pulling', message, transient: false };
  }
  return { state: 'progressing', phase: fromPods.phase, detail: fromPods.detail };
}

/** A manual task's rollout is done once its container has started (or the Job already finished). */
export function evaluateJob(job: V1Job | null, pods: V1Pod[]): Evaluation {
  const conditions = job?.status?.conditions ?? [];
  if ((job?.status?.succeeded ?? 0) > 0 || conditions.some((c) => c.type === 'Complete' && c.status === 'True')) return { state: 'done' };
  const fromPods = inspectPods(pods);
  if (fromPods.state === 'failed') return fromPods;
  // How the task ends is the run's business, not the rollout's.
  if (fromPods.anyStarted) return { state: 'done' };
  const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
  if (failed) {
    const message = `The task could not start (${failed.message ?? failed.reason ?? 'no reason given'}).`;
    return { state: 'failed', phase: 'pulling', message, transient: false, pod: pods[0]?.metadata?.name };
  }
  return { state: 'progressing', phase: fromPods.phase, detail: fromPods.detail };
}
