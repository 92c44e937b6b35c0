/**
 * Against a real cluster with Argo Workflows installed, only when GANTRY_TEST_KUBECONFIG names
 * a kubeconfig file (pattern: lib/dataplane/kubernetes/driver.live.test.ts). The namespace
 * (GANTRY_TEST_ARGO_NAMESPACE, default "argo") must exist and be watched by the controller;
 * GANTRY_TEST_K8S_IMAGE overrides the step image. Leaves finished Workflows to their ttlStrategy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipelineYaml } from '@/lib/pipelines/spec';
import { conformanceCases } from '@/lib/pipelines/conformance/cases';
import { pollUntil } from '@/lib/util/poll';
import { attemptLog, loadArgoCluster, readRun, stopWorkflow, submitWorkflow } from './cluster';
import { compileWorkflow } from './compile';

const kubeconfigPath = process.env.GANTRY_TEST_KUBECONFIG;
const namespace = process.env.GANTRY_TEST_ARGO_NAMESPACE ?? 'argo';
const image = process.env.GANTRY_TEST_K8S_IMAGE ?? 'busybox:1.36';

describe.runIf(kubeconfigPath)('Argo Workflows on a live cluster', () => {
  const pipeline = { id: `live-${Date.now().toString(36)}`, name: 'live test' };

  for (const name of ['failure-ends-run', 'variables-and-secrets', 'when-false-skips']) {
    it(`runs the conformance case ${name}`, { timeout: 300_000 }, async () => {
      const c = conformanceCases.find((x) => x.name === name)!;
      const spec = parsePipelineYaml(c.yaml).spec!;
      const cluster = await loadArgoCluster(readFileSync(kubeconfigPath!, 'utf8'));
      const run = { id: `${name}-${Date.now().toString(36)}`, number: Date.now() % 100000 };
      const compiled = compileWorkflow({ spec, pipeline, run, namespace, parameters: c.parameters, variables: c.variables, defaultImage: image });
      await submitWorkflow(cluster, compiled, namespace, c.secrets ?? {});
      const wfName = (compiled.workflow.metadata as { name: string }).name;
      const ids = Object.keys(c.expect.steps);
      const done = await pollUntil('workflow finished', async () => {
        const r = await readRun(cluster, namespace, wfName, ids);
        return r && r.status !== 'running' ? r : null;
      }, { timeoutMs: 240_000, maxIntervalMs: 2000 });
      expect(done.status).toBe(c.expect.run);
      expect(Object.fromEntries(done.steps.map((s) => [s.stepId, s.status]))).toEqual(c.expect.steps);
      for (const [step, texts] of Object.entries(c.expect.logs ?? {})) {
        const s = done.steps.find((x) => x.stepId === step)!;
        const log = (await attemptLog(cluster, namespace, wfName, s.podNodeIds[s.podNodeIds.length - 1])) ?? '';
        for (const t of texts) expect(log).toContain(t);
      }
    });
  }

  it('Stop ends a long run as Stopped', { timeout: 300_000 }, async () => {
    const spec = parsePipelineYaml('steps:\n  - name: long\n    inlineScript: sleep 600\n  - name: next\n    inlineScript: echo no\n').spec!;
    const cluster = await loadArgoCluster(readFileSync(kubeconfigPath!, 'utf8'));
    const compiled = compileWorkflow({ spec, pipeline, run: { id: `stop-${Date.now().toString(36)}`, number: (Date.now() % 100000) + 1 }, namespace, defaultImage: image });
    await submitWorkflow(cluster, compiled, namespace, {});
    const wfName = (compiled.workflow.metadata as { name: string }).name;
    await pollUntil('step running', async () => (await readRun(cluster, namespace, wfName, ['long']))?.steps[0].status === 'running', { timeoutMs: 180_000, maxIntervalMs: 2000 });
    await stopWorkflow(cluster, namespace, wfName);
    const done = await pollUntil('stopped', async () => {
      const r = await readRun(cluster, namespace, wfName, ['long', 'next']);
      return r && r.status !== 'running' ? r : null;
    }, { timeoutMs: 120_000, maxIntervalMs: 2000 });
    expect(done.status).toBe('stopped');
    expect(done.steps.map((s) => s.status)).toEqual(['stopped', 'skipped']);
  });
});
