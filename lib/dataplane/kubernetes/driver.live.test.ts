/**
 * Against a real cluster, only when GANTRY_TEST_KUBECONFIG names a kubeconfig
 * file (e.g. one written by kind or k3d). Leaves the test namespace behind.
 * GANTRY_TEST_K8S_IMAGE overrides the image (any busybox with httpd).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RolloutPhase, WorkloadSpec } from '../types';
import { KubernetesDriver } from './driver';

const kubeconfigPath = process.env.GANTRY_TEST_KUBECONFIG;

describe.runIf(kubeconfigPath)('KubernetesDriver against a live cluster', () => {
  const identity = { org: 'gantry-live-test', project: 'driver', component: 'echo', environment: 'test' };
  const spec: WorkloadSpec = {
    identity: { ...identity, release: `r${Date.now().toString(36)}` },
    type: 'service',
    image: process.env.GANTRY_TEST_K8S_IMAGE ?? 'busybox:1.36',
    pullAuth: { kind: 'none' },
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    env: { GREETING: 'hello-from-env' },
    files: [{ path: '/www/index.html', content: 'hello-from-file\n' }],
    health: { httpPath: '/index.html', timeoutSeconds: 2 },
    command: ['sh', '-c', 'echo "$GREETING"; cat /www/index.html; exec httpd -f -p 8080 -h /www'],
  };

  const driver = () =>
    new KubernetesDriver({ kubeconfig: readFileSync(kubeconfigPath!, 'utf8'), trustedKubeconfig: true, rolloutTimeoutSeconds: 240 });

  it('pings the cluster', async () => {
    const result = await driver().ping();
    expect(result, result.message).toMatchObject({ ok: true });
  });

  it('deploys a tiny service, reads its log and removes it', { timeout: 360_000 }, async () => {
    const d = driver();
    const phases: RolloutPhase[] = [];
    const result = await d.rollout(spec, (p) => phases.push(p));
    expect(phases[0]).toBe('pulling');
    expect(result.endpoints).toEqual([{ name: 'http', url: expect.stringMatching(/^http:\/\/echo\..+:8080$/) }]);

    const lines: string[] = [];
    for await (const line of d.logs(identity, { tail: 20 })) lines.push(line);
    expect(lines).toContain('hello-from-env');
    expect(lines).toContain('hello-from-file');

    await d.remove(identity);
    const deadline = Date.now() + 120_000;
    let left = 1;
    while (left > 0 && Date.now() < deadline) {
      left = 0;
      try {
        for await (const _ of d.logs(identity, { tail: 1 })) left++;
      } catch {
        left = 1; // the pod vanished between listing and reading: look again
      }
      if (left) await new Promise((r) => setTimeout(r, 2000));
    }
    expect(left).toBe(0);
  });
});
