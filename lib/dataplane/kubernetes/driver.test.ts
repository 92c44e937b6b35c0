import { describe, expect, it } from 'vitest';
import type { Writable } from 'node:stream';
import type { V1Deployment, V1Job, V1Pod } from '@kubernetes/client-node';
import { RolloutError, type RolloutPhase, type WorkloadSpec } from '../types';
import type { KubeApi } from './client';
import { KubernetesDriver } from './driver';
import type { KubeObject } from './render';

const unreachableKubeconfig = `
apiVersion: v1
kind: Config
clusters:
- name: nowhere
  cluster:
    server: https://127.0.0.1:1
    insecure-skip-tls-verify: true
users:
- name: robot
  user:
    token: not-a-real-token
contexts:
- name: nowhere
  context: { cluster: nowhere, user: robot, namespace: default }
current-context: nowhere
`;

/** An in-memory stand-in for the Kubernetes API. */
class FakeApi implements KubeApi {
  applied: KubeObject[] = [];
  deleted: { namespace: string; kind: string; selector: string }[] = [];
  podSelectors: string[] = [];
  deployments: (V1Deployment | null)[] = [];
  jobs: (V1Job | null)[] = [];
  pods: V1Pod[] = [];
  logText = 'line 1\nline 2\n';
  applyError?: unknown;
  async apply(object: KubeObject) {
    if (this.applyError) throw this.applyError;
    this.applied.push(object);
  }
  async readDeployment() {
    return this.deployments.length > 1 ? this.deployments.shift()! : (this.deployments[0] ?? null);
  }
  async readJob() {
    return this.jobs.length > 1 ? this.jobs.shift()! : (this.jobs[0] ?? null);
  }
  async listPods(_namespace: string, selector: string) {
    this.podSelectors.push(selector);
    return this.pods;
  }
  async readLog() {
    return this.logText;
  }
  async streamLog(_ns: string, _pod: string, _container: string, out: Writable) {
    out.end(this.logText);
    return new AbortController();
  }
  async deleteAll(namespace: string, _apiVersion: string, kind: string, selector: string) {
    this.deleted.push({ namespace, kind, selector });
    return 0;
  }
  async version() {
    return 'v1.31.0';
  }
  async canI(checks: { resource: string }[]) {
    return checks.map(() => true);
  }
}

function spec(type: WorkloadSpec['type'] = 'service'): WorkloadSpec {
  return {
    identity: { org: 'acme', project: 'shop', component: 'api', environment: 'prod', release: 'r2' },
    type,
    image: `ghcr.io/acme/api@sha256:${'c'.repeat(64)}`,
    pullAuth: { kind: 'none' },
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    env: { SECRET: 's3cret' },
    files: [],
    health: { httpPath: '/health', timeoutSeconds: 2 },
    schedule: '0 3 * * *',
  };
}

const progressing: V1Deployment = { metadata: { generation: 2 }, spec: { replicas: 1, selector: {}, template: {} }, status: { observedGeneration: 2 } };
const ready: V1Deployment = { ...progressing, status: { observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1 } };
const runningPod: V1Pod = {
  metadata: { name: 'api-abc' },
  spec: { containers: [{ name: 'app', readinessProbe: { tcpSocket: { port: 8080 } } }] },
  status: { phase: 'Running', containerStatuses: [{ name: 'app', image: '', imageID: '', ready: false, restartCount: 0, state: { running: {} } }] },
};

function driver(api: FakeApi, timeoutSeconds = 60) {
  let clock = 0;
  return new KubernetesDriver(
    { kubeconfig: unreachableKubeconfig, rolloutTimeoutSeconds: timeoutSeconds, pollIntervalMs: 1000 },
    { api, now: () => clock, sleep: async (ms) => void (clock += ms) },
  );
}

describe('KubernetesDriver without a cluster', () => {
  it('ping() reports an unreachable API server as ok:false with a clear message instead of throwing', async () => {
    const d = new KubernetesDriver({ kubeconfig: unreachableKubeconfig });
    expect(d.kind).toBe('kubernetes');
    const result = await d.ping();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Cannot reach the Kubernetes API at https:\/\/127\.0\.0\.1:1: .+\.$/);
    expect(result.message).not.toContain('not-a-real-token');
  });

  it('refuses a kubeconfig that would run a program', () => {
    const exec = unreachableKubeconfig.replace('token: not-a-real-token', 'exec: { command: /bin/sh, apiVersion: client.authentication.k8s.io/v1 }');
    expect(() => new KubernetesDriver({ kubeconfig: exec })).toThrow(/"exec"/);
    expect(() => new KubernetesDriver({ kubeconfig: unreachableKubeconfig, namespacePrefix: 'NO' })).toThrow(/prefix/);
  });
});

describe('KubernetesDriver.rollout', () => {
  it('applies everything in order, waits for readiness, reports phases, prunes and returns cluster URLs', async () => {
    const api = new FakeApi();
    api.deployments = [progressing, progressing, ready];
    api.pods = [runningPod];
    const phases: RolloutPhase[] = [];
    const result = await driver(api).rollout(spec('web-app'), (p) => phases.push(p), { visibility: 'public' });

    expect(api.applied.map((o) => o.kind)).toEqual(['Namespace', 'Secret', 'NetworkPolicy', 'Service', 'Deployment']);
    expect(phases).toEqual(['pulling', 'starting', 'health-checking']);
    expect(api.podSelectors[0]).toBe('app.kubernetes.io/managed-by=gantry,gantry.dev/component=api,gantry.dev/release=r2');
    const ns = api.applied[0].metadata.name;
    expect(result.endpoints).toEqual([{ name: 'http', url: `http://api.${ns}.svc.cluster.local:8080`, networkUrl: `http://api.${ns}.svc.cluster.local:8080` }]);
    expect(api.deleted.map((d) => d.kind)).toEqual(['Deployment', 'CronJob', 'Service', 'NetworkPolicy', 'HTTPRoute', 'Secret', 'ConfigMap']);
    expect(new Set(api.deleted.map((d) => d.selector))).toEqual(
      new Set(['app.kubernetes.io/managed-by=gantry,gantry.dev/component=api,gantry.dev/release!=r2']),
    );
    expect(api.deleted.every((d) => d.namespace === ns)).toBe(true);
  });

  it('fails with the phase, the reason and the last log lines', async () => {
    const api = new FakeApi();
    api.deployments = [progressing];
    api.pods = [
      {
        ...runningPod,
        status: {
          containerStatuses: [
            { name: 'app', image: '', imageID: '', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } },
          ],
        },
      },
    ];
    const error = await driver(api).rollout(spec()).catch((e) => e);
    expect(error).toBeInstanceOf(RolloutError);
    expect(error).toMatchObject({ phase: 'starting', transient: false, lastLogLines: ['line 1', 'line 2'] });
    expect(error.message).toMatch(/keeps exiting.*exit code 1/);
    expect(api.deleted).toEqual([]); // nothing pruned after a failure
  });

  it('times out with what it was waiting for', async () => {
    const api = new FakeApi();
    api.deployments = [progressing];
    api.pods = [runningPod];
    const error = await driver(api, 10).rollout(spec()).catch((e) => e);
    expect(error).toBeInstanceOf(RolloutError);
    expect(error.phase).toBe('health-checking');
    expect(error.message).toMatch(/did not become ready within 10 seconds: the readiness check has not passed yet/);
  });

  it('maps an unreachable API server to a transient error', async () => {
    const api = new FakeApi();
    api.applyError = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const error = await driver(api).rollout(spec()).catch((e) => e);
    expect(error).toMatchObject({ name: 'RolloutError', phase: 'pulling', transient: true });
    expect(error.message).toMatch(/Cannot reach the Kubernetes API at https:\/\/127\.0\.0\.1:1 to apply Namespace .*connection refused/);
  });

  it('maps a refused object to a permanent error with the API server message', async () => {
    const api = new FakeApi();
    api.applyError = Object.assign(new Error('HTTP-Code: 422'), { code: 422, body: JSON.stringify({ kind: 'Status', message: 'Namespace "x" is invalid' }) });
    const error = await driver(api).rollout(spec()).catch((e) => e);
    expect(error).toMatchObject({ transient: false, message: expect.stringMatching(/is invalid/) });
  });

  it('turns an invalid spec into a RolloutError', async () => {
    const error = await driver(new FakeApi()).rollout({ ...spec('scheduled-task'), schedule: undefined }).catch((e) => e);
    expect(error).toBeInstanceOf(RolloutError);
    expect(error.message).toMatch(/schedule/);
  });

  it('applies a scheduled task without waiting', async () => {
    const api = new FakeApi();
    const result = await driver(api).rollout(spec('scheduled-task'));
    expect(api.applied.at(-1)!.kind).toBe('CronJob');
    expect(api.podSelectors).toEqual([]);
    expect(result.endpoints).toEqual([]);
  });

  it('starts a manual task as a uniquely named Job and waits for it to start', async () => {
    const api = new FakeApi();
    api.jobs = [{ status: {} }];
    api.pods = [{ ...runningPod, spec: { containers: [{ name: 'app' }] } }];
    await driver(api).rollout(spec('manual-task'));
    await driver(api).rollout(spec('manual-task'));
    const jobs = api.applied.filter((o) => o.kind === 'Job').map((o) => o.metadata.name);
    expect(jobs).toHaveLength(2);
    expect(jobs[0]).not.toBe(jobs[1]);
    expect(api.podSelectors[0]).toBe(`job-name=${jobs[0]}`);
    expect(api.deleted).toEqual([]); // earlier runs may still need their env
  });
});

describe('KubernetesDriver.remove and logs', () => {
  it('removes every kind by component label, leaving the shared namespace', async () => {
    const api = new FakeApi();
    const { release: _, ...identity } = spec().identity;
    await driver(api).remove(identity);
    expect(api.deleted.map((d) => d.kind)).toEqual(['Deployment', 'CronJob', 'Job', 'Service', 'NetworkPolicy', 'HTTPRoute', 'Secret', 'ConfigMap']);
    expect(api.deleted.every((d) => d.selector === 'app.kubernetes.io/managed-by=gantry,gantry.dev/component=api')).toBe(true);
  });

  it('streams the log of the newest running pod line by line', async () => {
    const api = new FakeApi();
    api.pods = [runningPod];
    const { release: _, ...identity } = spec().identity;
    const lines: string[] = [];
    for await (const line of driver(api).logs(identity, { tail: 10 })) lines.push(line);
    expect(lines).toEqual(['line 1', 'line 2']);
  });

  it('yields nothing when no pod exists', async () => {
    const { release: _, ...identity } = spec().identity;
    const lines: string[] = [];
    for await (const line of driver(new FakeApi()).logs(identity, {})) lines.push(line);
    expect(lines).toEqual([]);
  });
});
