/**
 * A compiled run on a cluster: server-side apply of the prerequisites, the Secret and the
 * Workflow; Stop as a merge-patch; status and per-step logs read back. Core kinds go through
 * the data plane's KubeApi (lib/dataplane/kubernetes/client.ts, typed models); the Workflow —
 * a custom resource without a client model — through KubernetesObjectApi, which finds its
 * resource by discovery.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { FIELD_MANAGER, KubeClientUnavailableError, loadKubeApi, type KubeApi } from '@/lib/dataplane/kubernetes/client';
import type { KubeObject } from '@/lib/dataplane/kubernetes/render';
import type { CompiledWorkflow, Json } from './compile';
import { runnerAccountManifests, secretManifest } from './manifests';
import { readBack, stopPatch, type ArgoNode, type ArgoWorkflowObject, type RunReadBack } from './status';

export interface ArgoCluster {
  core: Pick<KubeApi, 'apply' | 'listPods' | 'readLog'>;
  applyWorkflow(workflow: Json): Promise<void>;
  readWorkflow(namespace: string, name: string): Promise<ArgoWorkflowObject | null>;
  patchWorkflow(namespace: string, name: string, patch: Json): Promise<void>;
}

const WORKFLOW_HEADER = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' };

export async function loadArgoCluster(kubeconfig: string): Promise<ArgoCluster> {
  const core = await loadKubeApi(kubeconfig);
  let k8s: typeof import('@kubernetes/client-node');
  try {
    k8s = await import('@kubernetes/client-node');
  } catch (e) {
    throw new KubeClientUnavailableError((e as Error).message.split('\n')[0]);
  }
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  return {
    core,
    async applyWorkflow(workflow) {
      await objects.patch(workflow as unknown as KubernetesObject, undefined, undefined, FIELD_MANAGER, true, k8s.PatchStrategy.ServerSideApply);
    },
    async readWorkflow(namespace, name) {
      try {
        return (await objects.read({ ...WORKFLOW_HEADER, metadata: { name, namespace } })) as unknown as ArgoWorkflowObject;
      } catch (e) {
        if ((e as { code?: number }).code === 404) return null;
        throw e;
      }
    },
    async patchWorkflow(namespace, name, patch) {
      await objects.patch({ ...WORKFLOW_HEADER, metadata: { name, namespace }, ...patch } as KubernetesObject, undefined, undefined, FIELD_MANAGER, undefined, k8s.PatchStrategy.MergePatch);
    },
  };
}

/** Applies everything the run needs, then the Workflow (which starts the run). */
export async function submitWorkflow(cluster: ArgoCluster, compiled: CompiledWorkflow, namespace: string, secretValues: Record<string, string>): Promise<void> {
  for (const m of runnerAccountManifests(namespace)) await cluster.core.apply(m as unknown as KubeObject);
  if (compiled.secret.keys.length) await cluster.core.apply(secretManifest(compiled, namespace, secretValues) as unknown as KubeObject);
  await cluster.applyWorkflow(compiled.workflow);
}

/** Stop Run: running steps are stopped, pending ones never start; the run ends as Stopped. */
export async function stopWorkflow(cluster: ArgoCluster, namespace: string, name: string): Promise<void> {
  await cluster.patchWorkflow(namespace, name, stopPatch());
}

export async function readRun(cluster: ArgoCluster, namespace: string, name: string, stepIds: string[]): Promise<RunReadBack | null> {
  const wf = await cluster.readWorkflow(namespace, name);
  return wf ? readBack(wf, stepIds) : null;
}

/** The log of one attempt: the pod Argo labels with the workflow and annotates with the node id; container "main". */
export async function attemptLog(cluster: ArgoCluster, namespace: string, workflow: string, podNodeId: string): Promise<string | null> {
  const pods = await cluster.core.listPods(namespace, `workflows.argoproj.io/workflow=${workflow}`);
  const pod = pods.find((p) => p.metadata?.annotations?.['workflows.argoproj.io/node-id'] === podNodeId);
  if (!pod?.metadata?.name) return null;
  return cluster.core.readLog(namespace, pod.metadata.name, 'main', {});
}

export type { ArgoNode };
