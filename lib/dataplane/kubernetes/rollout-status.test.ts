import { describe, expect, it } from 'vitest';
import type { V1ContainerStatus, V1Deployment, V1Job, V1Pod } from '@kubernetes/client-node';
import { evaluateDeployment, evaluateJob, inspectPod, isDeploymentDone } from './rollout-status';

function pod(status: Partial<V1ContainerStatus> | null, opts: { probe?: boolean; unschedulable?: string } = {}): V1Pod {
  return {
    metadata: { name: 'api-1' },
    spec: { containers: [{ name: 'app', ...(opts.probe === false ? {} : { readinessProbe: { tcpSocket: { port: 80 } } }) }] },
    status: {
      containerStatuses: status ? [{ name: 'app', image: 'x', imageID: '', ready: false, restartCount: 0, ...status }] : undefined,
      conditions: opts.unschedulable ? [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: opts.unschedulable }] : [],
    },
  };
}

function deployment(status: V1Deployment['status'], generation = 2): V1Deployment {
  return { metadata: { name: 'api', generation }, spec: { replicas: 1, selector: {}, template: {} }, status };
}

describe('inspectPod', () => {
  it('walks through pulling, starting and health-checking', () => {
    expect(inspectPod(pod(null))).toMatchObject({ state: 'progressing', phase: 'pulling', started: false });
    expect(inspectPod(pod({ state: { waiting: { reason: 'ContainerCreating' } } }))).toMatchObject({ phase: 'pulling' });
    expect(inspectPod(pod({ state: { running: {} } }, { probe: false }))).toMatchObject({ phase: 'starting', started: true });
    expect(inspectPod(pod({ state: { running: {} } }))).toMatchObject({ phase: 'health-checking', detail: expect.stringMatching(/readiness/) });
  });

  it('fails on image pull errors, transient only for network trouble', () => {
    const denied = inspectPod(pod({ state: { waiting: { reason: 'ErrImagePull', message: 'pull access denied, unauthorized' } } }));
    expect(denied).toMatchObject({ state: 'failed', phase: 'pulling', transient: false, message: expect.stringMatching(/unauthorized/) });
    const timeout = inspectPod(pod({ state: { waiting: { reason: 'ImagePullBackOff', message: 'dial tcp: i/o timeout' } } }));
    expect(timeout).toMatchObject({ state: 'failed', phase: 'pulling', transient: true });
  });

  it('fails on config errors and crash loops, asking for the previous log', () => {
    expect(inspectPod(pod({ state: { waiting: { reason: 'CreateContainerConfigError', message: 'secret "x" not found' } } }))).toMatchObject({
      state: 'failed',
      phase: 'starting',
    });
    const crash = inspectPod(
      pod({ restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 2, reason: 'Error' } } }),
    );
    expect(crash).toMatchObject({ state: 'failed', phase: 'starting', previousLogs: true, message: expect.stringMatching(/exit code 2/) });
  });

  it('reports an unschedulable pod without failing', () => {
    expect(inspectPod(pod(null, { unschedulable: '0/3 nodes have enough memory' }))).toMatchObject({
      state: 'progressing',
      detail: expect.stringMatching(/cannot be scheduled.*memory/),
    });
  });
});

describe('evaluateDeployment', () => {
  const ready = { observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1 };

  it('is done only when the new generation is observed, updated, available and alone', () => {
    expect(isDeploymentDone(deployment(ready))).toBe(true);
    expect(isDeploymentDone(deployment({ ...ready, observedGeneration: 1 }))).toBe(false);
    expect(isDeploymentDone(deployment({ ...ready, replicas: 2 }))).toBe(false);
    expect(isDeploymentDone(deployment({ ...ready, availableReplicas: 0 }))).toBe(false);
    expect(isDeploymentDone(deployment({ ...ready, updatedReplicas: 0 }))).toBe(false);
    expect(evaluateDeployment(deployment(ready), [])).toEqual({ state: 'done' });
  });

  it('takes the most advanced phase among new pods', () => {
    const result = evaluateDeployment(deployment({ observedGeneration: 2 }), [pod(null), pod({ state: { running: {} } })]);
    expect(result).toMatchObject({ state: 'progressing', phase: 'health-checking' });
  });

  it('fails on a stalled rollout or a pod Kubernetes cannot create', () => {
    const stalled = deployment({ observedGeneration: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    expect(evaluateDeployment(stalled, [pod({ state: { running: {} } })])).toMatchObject({ state: 'failed', phase: 'health-checking' });
    const quota = deployment({ conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'exceeded quota' }] });
    expect(evaluateDeployment(quota, [])).toMatchObject({ state: 'failed', message: expect.stringMatching(/exceeded quota/) });
  });

  it('waits while the Deployment does not exist yet', () => {
    expect(evaluateDeployment(null, [])).toEqual({ state: 'progressing', phase: 'pulling', detail: undefined });
  });
});

describe('evaluateJob', () => {
  const job = (status: V1Job['status'] = {}): V1Job => ({ metadata: { name: 'api-r1' }, status });

  it('is done once the task container has started or the Job succeeded', () => {
    expect(evaluateJob(job(), [pod({ state: { terminated: { exitCode: 1 } } }, { probe: false })])).toEqual({ state: 'done' });
    expect(evaluateJob(job({ succeeded: 1 }), [])).toEqual({ state: 'done' });
    expect(evaluateJob(job(), [pod(null)])).toMatchObject({ state: 'progressing', phase: 'pulling' });
  });

  it('fails when the image cannot be pulled or the Job fails before starting', () => {
    expect(evaluateJob(job(), [pod({ state: { waiting: { reason: 'ErrImagePull' } } })])).toMatchObject({ state: 'failed', phase: 'pulling' });
    const failed = job({ conditions: [{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded' }] });
    expect(evaluateJob(failed, [])).toMatchObject({ state: 'failed', message: expect.stringMatching(/DeadlineExceeded/) });
  });
});
