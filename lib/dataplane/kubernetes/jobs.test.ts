/**
 * Run Now on a Kubernetes plane against an in-memory API: the run's Job is applied (objects
 * schema-validated with the upstream OpenAPI schemas), its pod's log is followed, its status
 * and exit code read back, and Stop deletes exactly that Job.
 */
import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Namespace, Secret } from 'kubernetes-models/v1';
import type { JobLogLine, JobRunSpec } from '../types';
import type { KubeApi } from './client';
import { KubernetesJobRunner } from './jobs';
import type { KubeObject } from './render';

const MODELS: Record<string, new (data: never) => { validate(): void }> = { 'v1/Namespace': Namespace, 'v1/Secret': Secret, 'v1/ConfigMap': ConfigMap, 'batch/v1/Job': Job };

class FakeApi implements Partial<KubeApi> {
  applied: KubeObject[] = [];
  deleted: { namespace: string; kind: string; selector: string }[] = [];
  job: V1Job | null = null;
  pods: V1Pod[] = [];
  logText = '';
  async apply(o: KubeObject) {
    this.applied.push(o);
    if (o.kind === 'Job') this.job = o as V1Job;
  }
  async readJob(_ns: string, name: string) {
    return this.job?.metadata?.name === name ? this.job : null;
  }
  async listPods() {
    return this.pods;
  }
  async streamLog(_ns: string, _pod: string, _c: string, out: Writable) {
    out.end(this.logText);
    return new AbortController();
  }
  async deleteAll(namespace: string, _v: string, kind: string, selector: string) {
    this.deleted.push({ namespace, kind, selector });
    this.job = null;
    return 1;
  }
}

const spec = (args: string[] = []): JobRunSpec => ({
  runId: '6f1c2b7e-8a3d-4c5e-9f00-112233445566',
  args,
  timeoutSeconds: 120,
  workload: {
    identity: { org: 'acme', project: 'ops', component: 'report', environment: 'prod', release: 'r1' },
    type: 'manual-task',
    image: `ghcr.io/acme/report@sha256:${'a'.repeat(64)}`,
    pullAuth: { kind: 'none' },
    ports: [],
    env: { TOKEN: 'secret' },
    files: [{ path: '/etc/report.conf', content: 'x' }],
  },
});

function setup() {
  const api = new FakeApi();
  const runner = new KubernetesJobRunner({ api: async () => api as unknown as KubeApi, scope: spec().workload.identity, namespacePrefix: 'gantry-', pollMs: 1, sleep: async () => undefined });
  return { api, runner };
}

const pod = (phase: string, exitCode?: number): V1Pod => ({
  metadata: { name: 'report-run-abc' },
  status: { phase, containerStatuses: [{ name: 'app', image: 'x', imageID: '', ready: false, restartCount: 0, ...(exitCode === undefined ? {} : { state: { terminated: { exitCode } } }) }] },
});

describe('Kubernetes task runs', () => {
  it('Run with Arguments applies a Job of its own: valid objects, the arguments in place of CMD, deadline and TTL', async () => {
    const { api, runner } = setup();
    expect(await runner.state(spec().runId)).toEqual({ state: 'absent' });
    await runner.start(spec(['--since', 'last week']));
    for (const o of api.applied) new MODELS[`${o.apiVersion}/${o.kind}`](structuredClone(o) as never).validate();
    const job = api.applied.find((o) => o.kind === 'Job') as V1Job;
    expect(job.metadata!.name).toBe(runner.jobName(spec().runId));
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 120, ttlSecondsAfterFinished: expect.any(Number) });
    expect(job.spec!.template.spec!.containers[0].args).toEqual(['--since', 'last week']);
    expect(job.metadata!.labels!['gantry.dev/run']).toMatch(/^[a-z0-9]{1,12}$/);
    expect(await runner.state(spec().runId)).toEqual({ state: 'running' });
  });

  it('follows the pod log, skipping lines already stored, and reads exit code 3 once the Job failed', async () => {
    const { api, runner } = setup();
    await runner.start(spec());
    api.pods = [pod('Running')];
    api.logText = 'failing job\nfailing on purpose\n';
    const lines: JobLogLine[] = [];
    await runner.follow(spec().runId, { skip: 1, onLine: (l) => lines.push(l) });
    expect(lines).toEqual([{ stream: 'stdout', text: 'failing on purpose' }]);
    api.job = { ...api.job!, status: { conditions: [{ type: 'Failed', status: 'True' }] } };
    api.pods = [pod('Failed', 3)];
    expect(await runner.wait(spec().runId)).toBe(3);
    expect(await runner.state(spec().runId)).toEqual({ state: 'exited', exitCode: 3 });
  });

  it('a Job stopped by its deadline has no exit code: reported as killed (137); a completed one as 0', async () => {
    const { api, runner } = setup();
    await runner.start(spec());
    api.job = { ...api.job!, status: { conditions: [{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded' }] } };
    expect(await runner.state(spec().runId)).toEqual({ state: 'exited', exitCode: 137 });
    api.job = { ...api.job!, status: { conditions: [{ type: 'Complete', status: 'True' }] } };
    api.pods = [pod('Succeeded', 0)];
    expect(await runner.wait(spec().runId)).toBe(0);
  });

  it('Stop deletes exactly the run’s Job; then the run is gone', async () => {
    const { api, runner } = setup();
    await runner.start(spec());
    const ns = api.applied[0].metadata.name;
    await runner.stop(spec().runId, 10);
    expect(api.deleted).toEqual([{ namespace: ns, kind: 'Job', selector: `gantry.dev/run=${api.applied.find((o) => o.kind === 'Job')!.metadata.labels['gantry.dev/run']}` }]);
    expect(await runner.wait(spec().runId)).toBeNull();
  });
});
