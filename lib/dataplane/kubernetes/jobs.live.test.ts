/**
 * Task runs against a real cluster, only when GANTRY_TEST_KUBECONFIG names a kubeconfig file
 * (kind, k3d …): Run with Arguments applies a Job whose pod log shows the arguments and whose
 * exit code comes back; Stop deletes a sleeping run's Job. GANTRY_TEST_K8S_IMAGE overrides
 * the image (any busybox).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JobRunSpec, WorkloadSpec } from '../types';
import { KubernetesDriver } from './driver';

const kubeconfigPath = process.env.GANTRY_TEST_KUBECONFIG;

describe.runIf(kubeconfigPath)('Kubernetes task runs against a live cluster', () => {
  const identity = { org: 'gantry-live-test', project: 'tasks', component: 'report', environment: 'test' };
  const workload = (command: string[]): WorkloadSpec => ({
    identity: { ...identity, release: `r${Date.now().toString(36)}` },
    type: 'manual-task',
    image: process.env.GANTRY_TEST_K8S_IMAGE ?? 'busybox:1.36',
    pullAuth: { kind: 'none' },
    ports: [],
    env: {},
    files: [],
    command,
  });
  const runner = () => new KubernetesDriver({ kubeconfig: readFileSync(kubeconfigPath!, 'utf8'), trustedKubeconfig: true, pollIntervalMs: 1000 }).jobs(identity);

  it('Run with Arguments: the pod log shows them, exit code 3 comes back', { timeout: 300_000 }, async () => {
    const r = runner();
    const spec: JobRunSpec = { runId: randomUUID(), args: ['first', 'two words'], timeoutSeconds: 120, workload: workload(['sh', '-c', 'for a in "$@"; do echo "arg: $a"; done; exit 3', 'task']) };
    await r.start(spec);
    const code = await r.wait(spec.runId);
    const lines: string[] = [];
    await r.follow(spec.runId, { skip: 0, onLine: (l) => lines.push(l.text) });
    expect(code).toBe(3);
    expect(lines).toEqual(['arg: first', 'arg: two words']);
    await r.remove(spec.runId);
  });

  it('Stop deletes a sleeping run’s Job', { timeout: 300_000 }, async () => {
    const r = runner();
    const spec: JobRunSpec = { runId: randomUUID(), args: [], timeoutSeconds: 120, workload: workload(['sh', '-c', 'echo started; sleep 600']) };
    await r.start(spec);
    const deadline = Date.now() + 240_000;
    while ((await r.state(spec.runId)).state !== 'running' && Date.now() < deadline) await new Promise((res) => setTimeout(res, 1000));
    await r.stop(spec.runId, 5);
    expect(await r.wait(spec.runId)).toBeNull();
  });
});
