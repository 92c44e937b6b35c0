/**
 * Against a real cluster, only when GANTRY_TEST_KUBECONFIG names a kubeconfig
 * file (e.g. one written by kind or k3d). Leaves the test namespace behind.
 * GANTRY_TEST_K8S_IMAGE overrides the image (any busybox with httpd).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RolloutPhase, WorkloadSpec } from '../types';
import { KubernetesDriver } from './driver';
import { DEFAULT_GATEWAY, renderWorkload } from './render';

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

  it('applies what network visibility renders: a NetworkPolicy per component and, with the Gateway API, the HTTPRoute of its stable path', { timeout: 360_000 }, async () => {
    const k8s = await import('@kubernetes/client-node');
    const kc = new k8s.KubeConfig();
    kc.loadFromString(readFileSync(kubeconfigPath!, 'utf8'));
    const groups = await kc.makeApiClient(k8s.ApisApi).getAPIVersions();
    // A cluster without the Gateway API refuses HTTPRoutes: the driver is then told to render none.
    const gateway = groups.groups.some((g) => g.name === 'gateway.networking.k8s.io') ? DEFAULT_GATEWAY : null;
    const served: WorkloadSpec = {
      ...spec,
      identity: { ...spec.identity, component: 'edge' },
      ports: [{ name: 'http', port: 8080, protocol: 'TCP', visibility: 'public' }],
      routes: [{ port: 8080, context: '/greet' }],
    };
    const d = new KubernetesDriver({ kubeconfig: readFileSync(kubeconfigPath!, 'utf8'), trustedKubeconfig: true, rolloutTimeoutSeconds: 240, gateway });
    await d.rollout(served);

    const rendered = renderWorkload(served, { gateway }).filter((o) => ['Service', 'NetworkPolicy', 'HTTPRoute'].includes(o.kind));
    expect(rendered.map((o) => o.kind).sort()).toEqual(gateway ? ['HTTPRoute', 'NetworkPolicy', 'Service'] : ['NetworkPolicy', 'Service']);
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    for (const o of rendered) {
      const live = (await objects.read({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace! } })) as unknown as { spec: unknown };
      // What the cluster keeps holds everything rendered (it adds its defaults around it).
      expect(live.spec, `${o.kind} ${o.metadata.name}`).toMatchObject(o.spec as object);
    }
    await d.remove(served.identity);
  });
});
