/**
 * The few Kubernetes API calls the driver makes, behind an interface so the
 * driver's logic can be tested without a cluster. `loadKubeApi` implements it
 * with @kubernetes/client-node, imported lazily: merely importing the driver
 * never loads the client (whose HTTP stack needs a recent Node.js).
 */
import type { Writable } from 'node:stream';
import { isIP } from 'node:net';
import type { KubernetesObject, V1Deployment, V1Job, V1Pod } from '@kubernetes/client-node';
import { EgressRefusedError, addressAllowed, policyLookup, type EgressPolicy } from '@/lib/net/egress';
import { modelTypeName, toClientModel, type ModelRegistry } from './client-model';
import type { KubeObject } from './render';

export const FIELD_MANAGER = 'gantry';
const REQUEST_TIMEOUT_MS = 30_000;

export interface KubeApi {
  /** Server-side apply, field manager "gantry", taking over conflicting fields. */
  apply(object: KubeObject): Promise<void>;
  readDeployment(namespace: string, name: string): Promise<V1Deployment | null>;
  readJob(namespace: string, name: string): Promise<V1Job | null>;
  listPods(namespace: string, labelSelector: string): Promise<V1Pod[]>;
  readLog(namespace: string, pod: string, container: string, opts: { tailLines?: number; previous?: boolean }): Promise<string>;
  /** Pipes the log into `out` (ended when the log ends); abort the returned controller to stop. */
  streamLog(namespace: string, pod: string, container: string, out: Writable, opts: { tailLines?: number; follow?: boolean }): Promise<AbortController>;
  /** Deletes (in the background, dependents included) every object of a kind matching the selector; returns how many. */
  deleteAll(namespace: string, apiVersion: string, kind: string, labelSelector: string): Promise<number>;
  /** The server's git version, e.g. "v1.31.2". */
  version(): Promise<string>;
  /** SelfSubjectAccessReviews: may these credentials do each of these (cluster-wide)? */
  canI(checks: AccessCheck[]): Promise<boolean[]>;
}

export interface AccessCheck {
  verb: string;
  resource: string;
  /** API group: "" for the core group. */
  group: string;
}

/** The client library could not be loaded at all: no call can succeed on this server. */
export class KubeClientUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeClientUnavailableError';
  }
}

function withTimeout<T>(promise: Promise<T>, what: string, ms = REQUEST_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} timed out after ${ms / 1000} seconds`), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isNotFound(e: unknown): boolean {
  return (e as { code?: unknown })?.code === 404;
}

/**
 * @kubernetes/client-node 2.x sends requests with undici 8, which needs
 * Node.js 22.19+. On older versions importing it fails *and* leaves an
 * unhandled rejection behind, which would take the whole process down — so
 * it is not even attempted there. (1.x, built on node-fetch, runs on Node 20.)
 */
const MIN_NODE_FOR_CLIENT_2 = [22, 19];

async function clientCannotLoad(): Promise<boolean> {
  const [major, minor] = process.versions.node.split('.').map(Number);
  const [needMajor, needMinor] = MIN_NODE_FOR_CLIENT_2;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return false;
  try {
    const pkg = await import('@kubernetes/client-node/package.json', { with: { type: 'json' } });
    return Number(String(pkg.default.version).split('.')[0]) >= 2;
  } catch {
    return true;
  }
}

async function importClient(): Promise<typeof import('@kubernetes/client-node')> {
  const unavailable = (reason: string) => new KubeClientUnavailableError(`the Kubernetes client library cannot be used: ${reason}`);
  if (await clientCannotLoad()) {
    throw unavailable(`it needs Node.js ${MIN_NODE_FOR_CLIENT_2.join('.')} or newer, and this server runs Node.js ${process.versions.node}`);
  }
  try {
    return await import('@kubernetes/client-node');
  } catch (e) {
    throw unavailable((e as Error).message.split('\n')[0]);
  }
}

/**
 * Builds a KubeApi from a kubeconfig already accepted by `checkKubeconfig`. With `egress`,
 * every connection obeys the egress policy: names are checked after DNS and the socket goes
 * to the checked address (the agents' `lookup`); a literal address is checked here.
 */
export async function loadKubeApi(kubeconfig: string, opts: { egress?: EgressPolicy } = {}): Promise<KubeApi> {
  const k8s = await importClient();
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  if (opts.egress) {
    const policy = opts.egress;
    const host = new URL(kc.getCurrentCluster()?.server ?? 'https://invalid').hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !addressAllowed(host, policy)) throw new EgressRefusedError();
    // createAgent is where the client builds every http(s) agent; it is private in the typings.
    const hook = kc as unknown as { createAgent(cluster: unknown, options: object): unknown };
    const createAgent = hook.createAgent.bind(kc);
    hook.createAgent = (cluster, options) => createAgent(cluster, { ...options, lookup: policyLookup(policy) });
  }
  const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const batch = kc.makeApiClient(k8s.BatchV1Api);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const versions = kc.makeApiClient(k8s.VersionApi);
  const authz = kc.makeApiClient(k8s.AuthorizationV1Api);
  const log = new k8s.Log(kc);

  const readOrNull = async <T>(read: () => Promise<T>, what: string): Promise<T | null> => {
    try {
      return await withTimeout(read(), what);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  };

  return {
    async apply(object) {
      const model = toClientModel(k8s as unknown as ModelRegistry, object, modelTypeName(object.apiVersion, object.kind)) as KubernetesObject;
      await withTimeout(
        objects.patch(model, undefined, undefined, FIELD_MANAGER, true, k8s.PatchStrategy.ServerSideApply),
        `Applying ${object.kind} ${object.metadata.name}`,
      );
    },
    readDeployment: (namespace, name) => readOrNull(() => apps.readNamespacedDeployment({ namespace, name }), 'Reading a Deployment'),
    readJob: (namespace, name) => readOrNull(() => batch.readNamespacedJob({ namespace, name }), 'Reading a Job'),
    async listPods(namespace, labelSelector) {
      return (await withTimeout(core.listNamespacedPod({ namespace, labelSelector }), 'Listing pods')).items;
    },
    async readLog(namespace, name, container, opts) {
      return withTimeout(core.readNamespacedPodLog({ namespace, name, container, ...opts }), 'Reading a log');
    },
    streamLog(namespace, pod, container, out, opts) {
      return withTimeout(log.log(namespace, pod, container, out, { follow: opts.follow, tailLines: opts.tailLines }), 'Opening a log');
    },
    async deleteAll(namespace, apiVersion, kind, labelSelector) {
      const list = await withTimeout(
        objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector),
        `Listing ${kind} objects`,
      ).catch((e: unknown) => {
        // A kind the cluster does not serve (HTTPRoute without the Gateway API installed) has no objects to delete.
        if (isNotFound(e) || /Unrecognized API version and kind/i.test(String((e as Error)?.message))) return { items: [] };
        throw e;
      });
      for (const item of list.items) {
        try {
          const header = { apiVersion, kind, metadata: { name: item.metadata?.name, namespace } };
          await withTimeout(objects.delete(header, undefined, undefined, undefined, undefined, 'Background'), `Deleting ${kind}`);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
      return list.items.length;
    },
    async version() {
      return (await withTimeout(versions.getCode(), 'Asking for the version', 10_000)).gitVersion;
    },
    canI(checks) {
      return Promise.all(
        checks.map(async ({ verb, resource, group }) => {
          const review = await withTimeout(
            authz.createSelfSubjectAccessReview({ body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb, resource, group } } } }),
            'Asking what the credentials may do',
            10_000,
          );
          return review.status?.allowed === true;
        }),
      );
    },
  };
}
