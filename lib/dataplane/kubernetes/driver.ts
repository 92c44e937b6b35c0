/**
 * The Kubernetes data-plane driver: renders a WorkloadSpec, applies it with
 * server-side apply, waits for it to become ready, and prunes what the new
 * release no longer needs.
 */
import { isLongRunning, isManualTask } from '@/lib/component-types';
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { ServiceError, isServiceError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { RolloutError, type DataPlaneDriver, type JobRunner, type RolloutOptions, type RolloutPhase, type RolloutResult, type WorkloadIdentity, type WorkloadSpec } from '../types';
import { describeApiError } from './api-errors';
import type { EgressPolicy } from '@/lib/net/egress';
import { loadKubeApi, type KubeApi } from './client';
import { KubernetesJobRunner } from './jobs';
import { checkKubeconfig } from './kubeconfig';
import { DEFAULT_NAMESPACE_PREFIX, LABELS, checkNamespacePrefix, componentSelector, labelValue, namespaceName } from './names';
import { renderWorkload, type GatewayRef, type KubeObject, type RenderOptions } from './render';
import { CONTAINER_NAME } from './render-pod';
import { PHASE_ORDER, evaluateDeployment, evaluateJob, type Evaluation } from './rollout-status';

export interface KubernetesDriverOptions {
  kubeconfig: string;
  /** Prefix of the namespaces this driver creates; default "gantry-". */
  namespacePrefix?: string;
  /** Accept a kubeconfig that runs programs or reads local files (exec, token-file, …). Only for operator-provided configs. */
  trustedKubeconfig?: boolean;
  /** How long a service may take to become ready; default 300. */
  rolloutTimeoutSeconds?: number;
  /** Default 2000. */
  pollIntervalMs?: number;
  /** The egress policy every connection to the API server obeys (attached clusters); none for operator-provided configs. */
  egress?: EgressPolicy;
  /** DNS domain of the cluster, for endpoint URLs; default "cluster.local". */
  clusterDomain?: string;
  /** The Gateway Public HTTP endpoints' HTTPRoutes attach to (see RenderOptions.gateway); null: render none. */
  gateway?: GatewayRef | null;
}

/** What a rollout needs beyond the shared WorkloadSpec. */
export type RolloutExtras = Pick<RenderOptions, 'visibility' | 'registries' | 'timeZone' | 'jobTtlSeconds'>;

/** For tests: replace the API client and the clock. */
export interface KubernetesDriverDeps {
  api?: KubeApi;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Kinds a component may own, in deletion order (workloads first). */
const OWNED_KINDS: [apiVersion: string, kind: string][] = [
  ['apps/v1', 'Deployment'],
  ['batch/v1', 'CronJob'],
  ['batch/v1', 'Job'],
  ['v1', 'Service'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  // Public HTTP endpoints; a cluster without the Gateway API answers "no such kind", which counts as none.
  ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
  ['v1', 'Secret'],
  ['v1', 'ConfigMap'],
];
const LOG_LINES_ON_FAILURE = 30;

const newRunId = () => `${Date.now().toString(36)}${randomBytes(3).readUIntBE(0, 3).toString(36)}`.slice(0, 12);

export class KubernetesDriver implements DataPlaneDriver {
  readonly kind = 'kubernetes' as const;
  /** API server URL of the kubeconfig's current context. */
  readonly server: string;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly clusterDomain: string;
  private apiPromise?: Promise<KubeApi>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly opts: KubernetesDriverOptions,
    deps: KubernetesDriverDeps = {},
  ) {
    this.server = checkKubeconfig(opts.kubeconfig, { trusted: opts.trustedKubeconfig }).server;
    this.prefix = checkNamespacePrefix(opts.namespacePrefix ?? DEFAULT_NAMESPACE_PREFIX);
    this.timeoutMs = (opts.rolloutTimeoutSeconds ?? 300) * 1000;
    this.pollMs = opts.pollIntervalMs ?? 2000;
    this.clusterDomain = opts.clusterDomain ?? 'cluster.local';
    if (deps.api) this.apiPromise = Promise.resolve(deps.api);
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = deps.now ?? Date.now;
  }

  private api(): Promise<KubeApi> {
    this.apiPromise ??= loadKubeApi(this.opts.kubeconfig, { egress: this.opts.egress });
    return this.apiPromise;
  }

  async ping(): Promise<{ ok: boolean; message: string }> {
    try {
      const version = await (await this.api()).version();
      return { ok: true, message: `Connected to Kubernetes ${version} at ${this.server}.` };
    } catch (e) {
      return { ok: false, message: `Cannot reach the Kubernetes API at ${this.server}: ${describeApiError(e).message}.` };
    }
  }

  async rollout(spec: WorkloadSpec, onPhase?: (phase: RolloutPhase) => void, extras: RolloutExtras & RolloutOptions = {}): Promise<RolloutResult> {
    let objects: KubeObject[];
    try {
      objects = renderWorkload(spec, { ...extras, gateway: this.opts.gateway, namespacePrefix: this.prefix, runId: isManualTask(spec.type) ? newRunId() : undefined });
    } catch (e) {
      throw isServiceError(e) ? new RolloutError(e.message, 'pulling') : e;
    }
    let reached = -1;
    const advance = (phase: RolloutPhase) => {
      for (const p of PHASE_ORDER.slice(reached + 1, PHASE_ORDER.indexOf(phase) + 1)) onPhase?.(p);
      reached = Math.max(reached, PHASE_ORDER.indexOf(phase));
    };
    advance('pulling');

    const api = await this.api().catch((e) => {
      throw new RolloutError(`Cannot reach the Kubernetes API at ${this.server}: ${describeApiError(e).message}.`, 'pulling');
    });
    for (const object of objects) {
      try {
        await api.apply(object);
      } catch (e) {
        const d = describeApiError(e);
        const what = `${object.kind} "${object.metadata.name}"`;
        const message = d.status
          ? `Kubernetes did not accept ${what}: ${d.message}.`
          : `Cannot reach the Kubernetes API at ${this.server} to apply ${what}: ${d.message}.`;
        throw new RolloutError(message, 'pulling', [], d.transient);
      }
    }

    const namespace = objects[0].metadata.name;
    const workload = objects[objects.length - 1];
    if (isLongRunning(spec.type)) {
      const releasePods = `${componentSelector(spec.identity)},${LABELS.release}=${labelValue(spec.identity.release)}`;
      await this.waitUntilReady(api, namespace, releasePods, advance, async (pods) =>
        evaluateDeployment(await api.readDeployment(namespace, workload.metadata.name), pods),
      );
    } else if (isManualTask(spec.type)) {
      await this.waitUntilReady(api, namespace, `job-name=${workload.metadata.name}`, advance, async (pods) =>
        evaluateJob(await api.readJob(namespace, workload.metadata.name), pods),
      );
    }
    if (!isManualTask(spec.type)) await this.prune(api, namespace, spec.identity);
    return { endpoints: this.endpoints(spec, namespace, workload.metadata.name) };
  }

  private async waitUntilReady(
    api: KubeApi,
    namespace: string,
    podSelector: string,
    advance: (phase: RolloutPhase) => void,
    evaluate: (pods: Awaited<ReturnType<KubeApi['listPods']>>) => Promise<Evaluation>,
  ): Promise<void> {
    const deadline = this.now() + this.timeoutMs;
    let phase: RolloutPhase = 'pulling';
    let why = '';
    let newestPod: string | undefined;
    for (;;) {
      try {
        const pods = await api.listPods(namespace, podSelector);
        newestPod = pods.sort((a, b) => +new Date(b.metadata?.creationTimestamp ?? 0) - +new Date(a.metadata?.creationTimestamp ?? 0))[0]?.metadata?.name;
        const result = await evaluate(pods);
        if (result.state === 'done') return;
        if (result.state === 'failed') {
          const lines = await this.lastLogLines(api, namespace, result.pod ?? newestPod, result.previousLogs);
          throw new RolloutError(result.message, result.phase, lines, result.transient);
        }
        phase = result.phase;
        why = result.detail ?? '';
        advance(phase);
      } catch (e) {
        if (e instanceof RolloutError) throw e;
        const d = describeApiError(e);
        if (!d.transient) throw new RolloutError(`Kubernetes refused to report the rollout status: ${d.message}.`, phase);
        why = `the Kubernetes API is unreachable: ${d.message}`;
      }
      if (this.now() >= deadline) {
        const lines = await this.lastLogLines(api, namespace, newestPod, false);
        const message = `The workload did not become ready within ${Math.round(this.timeoutMs / 1000)} seconds${why ? `: ${why}` : ''}.`;
        throw new RolloutError(message, phase, lines, /unreachable|scheduled/.test(why));
      }
      await this.sleep(this.pollMs);
    }
  }

  private async lastLogLines(api: KubeApi, namespace: string, pod: string | undefined, previous = false): Promise<string[]> {
    if (!pod) return [];
    try {
      const text = await api.readLog(namespace, pod, CONTAINER_NAME, { tailLines: LOG_LINES_ON_FAILURE, previous });
      return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
    } catch {
      return [];
    }
  }

  /** Deletes what belonged to earlier releases and was not re-applied (old env/files, a former workload kind). */
  private async prune(api: KubeApi, namespace: string, identity: WorkloadIdentity): Promise<void> {
    const selector = componentSelector(identity, identity.release);
    for (const [apiVersion, kind] of OWNED_KINDS.filter(([, k]) => k !== 'Job')) {
      try {
        await api.deleteAll(namespace, apiVersion, kind, selector);
      } catch (e) {
        logger.warn({ namespace, kind, err: describeApiError(e).message }, 'kubernetes: could not prune objects of earlier releases');
      }
    }
  }

  private endpoints(spec: WorkloadSpec, namespace: string, service: string): RolloutResult['endpoints'] {
    if (!isLongRunning(spec.type)) return [];
    const http = spec.type === 'web-app' || Boolean(spec.health?.httpPath);
    return spec.ports.map((p) => {
      // Inside the cluster only: the Service's DNS name is both the URL and the in-network address.
      const url = `${p.protocol === 'UDP' ? 'udp' : http ? 'http' : 'tcp'}://${service}.${namespace}.svc.${this.clusterDomain}:${p.port}`;
      return { name: p.name, url, networkUrl: url };
    });
  }

  async remove(identity: Omit<WorkloadIdentity, 'release'>): Promise<void> {
    const namespace = namespaceName(identity, this.prefix);
    const api = await this.apiOrUnavailable();
    for (const [apiVersion, kind] of OWNED_KINDS) {
      try {
        await api.deleteAll(namespace, apiVersion, kind, componentSelector(identity));
      } catch (e) {
        throw this.unavailable(`Could not remove ${kind} objects of "${identity.component}"`, e);
      }
    }
  }

  async *logs(
    identity: Omit<WorkloadIdentity, 'release'>,
    opts: { tail?: number; follow?: boolean; signal?: AbortSignal },
  ): AsyncIterable<string> {
    const namespace = namespaceName(identity, this.prefix);
    const api = await this.apiOrUnavailable();
    let pods;
    try {
      pods = await api.listPods(namespace, componentSelector(identity));
    } catch (e) {
      throw this.unavailable(`Could not find the pods of "${identity.component}"`, e);
    }
    // The newest running pod; else the newest pod (a finished task).
    const byAge = pods.sort((a, b) => +new Date(b.metadata?.creationTimestamp ?? 0) - +new Date(a.metadata?.creationTimestamp ?? 0));
    const pod = (byAge.find((p) => p.status?.phase === 'Running') ?? byAge[0])?.metadata?.name;
    if (!pod || opts.signal?.aborted) return;

    const out = new PassThrough();
    out.on('error', () => {}); // a late write after we stopped reading is of no interest
    let controller: AbortController;
    try {
      controller = await api.streamLog(namespace, pod, CONTAINER_NAME, out, { tailLines: opts.tail, follow: opts.follow });
    } catch (e) {
      throw this.unavailable(`Could not read the log of "${identity.component}"`, e);
    }
    const stop = () => {
      controller.abort();
      out.end();
    };
    opts.signal?.addEventListener('abort', stop, { once: true });
    try {
      for await (const line of createInterface({ input: out, crlfDelay: Infinity })) yield line;
    } finally {
      opts.signal?.removeEventListener('abort', stop);
      stop();
    }
  }

  /** Task runs as Jobs in the component's namespace (Run Now / Run with Arguments): see jobs.ts. */
  jobs(scope: Omit<WorkloadIdentity, 'release'>): JobRunner {
    return new KubernetesJobRunner({ api: () => this.api(), scope, namespacePrefix: this.prefix, pollMs: this.pollMs, sleep: this.sleep });
  }

  private async apiOrUnavailable(): Promise<KubeApi> {
    try {
      return await this.api();
    } catch (e) {
      throw this.unavailable('Cannot use the Kubernetes API', e);
    }
  }

  private unavailable(what: string, e: unknown): ServiceError {
    if (isServiceError(e)) return e;
    const d = describeApiError(e);
    return ServiceError.unavailable(`${what} at ${this.server}: ${d.message}.`, d.transient ? { retryAfter: 30 } : undefined);
  }
}
