/**
 * Pure rendering of a WorkloadSpec into the Kubernetes objects that run it,
 * in the order they should be applied.
 */
import type {
  V1CronJob,
  V1Deployment,
  V1Job,
  V1Namespace,
  V1NetworkPolicy,
  V1NetworkPolicyIngressRule,
  V1NetworkPolicyPeer,
  V1NetworkPolicySpec,
  V1ObjectMeta,
  V1Service,
} from '@kubernetes/client-node';
import { ServiceError } from '@/lib/errors';
import { publicPath } from '@/lib/gateway/routes';
import type { PullAuth, WorkloadSpec } from '../types';
import {
  componentBaseName,
  DEFAULT_NAMESPACE_PREFIX,
  LABELS,
  MANAGER,
  labelValue,
  namespaceLabels,
  namespaceName,
  selectorLabels,
  shortHash,
  workloadLabels,
} from './names';
import { basicRegistries, renderEnvSecret, renderFilesConfigMap, renderPullSecret } from './render-config';
import { checkPorts, portNames, renderPodTemplate } from './render-pod';

export type Visibility = 'project' | 'organization' | 'public';

export interface GatewayRef {
  name: string;
  namespace: string;
  /** The Gateway's listener to attach to; default: every listener that allows the route. */
  sectionName?: string;
}

export const DEFAULT_GATEWAY: GatewayRef = { name: 'gantry', namespace: 'gantry-system' };

export interface RenderOptions {
  /** Prefix of every namespace name; default "gantry-". */
  namespacePrefix?: string;
  /** The org's registries; each `basic` one becomes an image-pull Secret. The spec's own pullAuth is always included. */
  registries?: PullAuth[];
  /**
   * Who may open connections to a port that carries no visibility of its own (a release that
   * declares no endpoints); default "project" (its own namespace only). Ports with a
   * visibility (from the release's endpoints) are allowed by theirs.
   */
  visibility?: Visibility;
  /**
   * The Gateway API Gateway that Public HTTP endpoints (spec.routes) attach their HTTPRoute to;
   * default Gateway "gantry" in namespace "gantry-system" (the cluster's admin creates it and lets
   * routes from Gantry's namespaces attach). null: no HTTPRoute (the cluster has no Gateway API).
   */
  gateway?: GatewayRef | null;
  /** Suffix of a manual task's Job name, unique per run; default derived from the release. */
  runId?: string;
  /** IANA time zone of a scheduled task's schedule; default "Etc/UTC". */
  timeZone?: string;
  /** How long a finished manual-task Job (and its pod's logs) is kept; default one day. */
  jobTtlSeconds?: number;
}

/** Any object we apply: metadata.name and metadata.labels are always set. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta & { name: string; labels: Record<string, string> };
  [field: string]: unknown;
}

const REDACTED = '<redacted>';
/** A task run without its own timeout is stopped after an hour. */
export const DEFAULT_TASK_TIMEOUT_SECONDS = 3600;

// The client's model names NetworkPolicy's `from` "_from"; these objects are in wire format.
type IngressRule = Omit<V1NetworkPolicyIngressRule, '_from'> & { from?: V1NetworkPolicyPeer[] };
type NetworkPolicy = Omit<V1NetworkPolicy, 'spec'> & { spec: Omit<V1NetworkPolicySpec, 'ingress'> & { ingress: IngressRule[] } };

function meta(spec: WorkloadSpec, namespace: string, name: string) {
  return { name, namespace, labels: workloadLabels(spec.identity) };
}

/** A run id usable as a Job-name suffix: ≤ 12 lowercase letters and digits. */
export function jobRunSuffix(spec: WorkloadSpec, runId?: string): string {
  if (runId === undefined) return shortHash(spec.identity.release, 8);
  return /^[a-z0-9]{1,12}$/.test(runId) ? runId : shortHash(runId, 12);
}

export function renderNamespace(spec: WorkloadSpec, prefix = DEFAULT_NAMESPACE_PREFIX): V1Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespaceName(spec.identity, prefix), labels: namespaceLabels(spec.identity) },
  };
}

function renderDeployment(spec: WorkloadSpec, namespace: string, pullSecretNames: string[]): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(spec, namespace, componentBaseName(spec.identity.component)),
    spec: {
      replicas: 1,
      revisionHistoryLimit: 3,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: selectorLabels(spec.identity) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: renderPodTemplate(spec, { withPorts: true, pullSecretNames }),
    },
  };
}

function renderService(spec: WorkloadSpec, namespace: string): V1Service | null {
  if (spec.ports.length === 0) return null;
  const names = portNames(spec.ports);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(spec, namespace, componentBaseName(spec.identity.component)),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(spec.identity),
      ports: spec.ports.map((p, i) => ({ name: names[i], port: p.port, targetPort: p.port, protocol: p.protocol })),
    },
  };
}

/**
 * Who may connect to which port: one ingress rule per visibility. Project: pods of the
 * namespace, which is the (org, project, environment)'s own. Organization: pods of every
 * namespace Gantry made for the organisation in the same environment. Public: anyone (the
 * cluster's Gateway forwards to it). The widest visibility of a port's endpoints decides.
 */
function ingressRules(spec: WorkloadSpec, fallback: Visibility): IngressRule[] {
  const order: Visibility[] = ['project', 'organization', 'public'];
  const byVisibility = new Map<Visibility, WorkloadSpec['ports']>();
  for (const p of spec.ports) {
    const v = p.visibility ?? fallback;
    byVisibility.set(v, [...(byVisibility.get(v) ?? []), p]);
  }
  // A workload without ports still gets one rule of the fallback visibility (and no port list).
  if (!spec.ports.length) byVisibility.set(fallback, []);
  return order.filter((v) => byVisibility.has(v)).map((v) => {
    const rule: IngressRule = {};
    if (v === 'project') rule.from = [{ podSelector: {} }];
    if (v === 'organization') {
      const orgNamespaces = { [LABELS.managedBy]: MANAGER, [LABELS.org]: labelValue(spec.identity.org), [LABELS.environment]: labelValue(spec.identity.environment) };
      rule.from = [{ namespaceSelector: { matchLabels: orgNamespaces } }];
    }
    const ports = byVisibility.get(v)!;
    if (ports.length) rule.ports = ports.map((p) => ({ port: p.port, protocol: p.protocol }));
    return rule;
  });
}

function renderNetworkPolicy(spec: WorkloadSpec, namespace: string, visibility: Visibility): NetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(spec, namespace, componentBaseName(spec.identity.component)),
    spec: {
      podSelector: { matchLabels: selectorLabels(spec.identity) },
      policyTypes: ['Ingress'],
      ingress: ingressRules(spec, visibility),
    },
  };
}

/**
 * The Gateway API route of a workload's Public HTTP endpoints: the same stable paths as the
 * docker plane's gateway, /<org>/<project>/<component>/<env><context>, with the prefix
 * replaced by the context so the service sees its own paths, to the component's Service.
 */
function renderHttpRoute(spec: WorkloadSpec, namespace: string, gateway: GatewayRef): KubeObject | null {
  const routes = spec.routes ?? [];
  if (!routes.length || !spec.ports.length) return null;
  const { org, project, component, environment } = spec.identity;
  // Longest path first: Gateway API ranks by match length anyway; the order keeps the object stable.
  const rules = [...routes]
    .sort((a, b) => b.context.length - a.context.length || a.context.localeCompare(b.context))
    .map((r) => {
      const path = publicPath({ org, project, component, env: environment, context: r.context });
      return {
        matches: [{ path: { type: 'PathPrefix', value: path } }],
        filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: r.context } } }],
        backendRefs: [{ name: componentBaseName(component), port: r.port }],
      };
    });
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: meta(spec, namespace, componentBaseName(component)),
    spec: {
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: gateway.name, namespace: gateway.namespace, ...(gateway.sectionName ? { sectionName: gateway.sectionName } : {}) }],
      rules,
    },
  };
}

function renderCronJob(spec: WorkloadSpec, namespace: string, pullSecretNames: string[], opts: RenderOptions): V1CronJob {
  if (!spec.schedule?.trim()) {
    throw ServiceError.invalid('A scheduled task needs a schedule.', { schedule: 'A cron expression is required.' });
  }
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(spec, namespace, componentBaseName(spec.identity.component)),
    spec: {
      schedule: spec.schedule.trim(),
      timeZone: opts.timeZone ?? spec.task?.timeZone ?? 'Etc/UTC',
      concurrencyPolicy: spec.task?.concurrencyPolicy ?? 'Forbid',
      startingDeadlineSeconds: spec.task?.startingDeadlineSeconds ?? 300,
      suspend: spec.task?.suspend ?? false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels: workloadLabels(spec.identity) },
        spec: {
          backoffLimit: 0,
          activeDeadlineSeconds: spec.task?.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS,
          template: renderPodTemplate(spec, { withPorts: false, restartPolicy: 'Never', pullSecretNames }),
        },
      },
    },
  };
}

/** The Job name of one run of a component's task: found again by the run id alone. */
export function taskRunJobName(component: string, suffix: string): string {
  return `${componentBaseName(component)}-${suffix}`;
}

/** Label on a run's Job naming the run (its suffix), so a Stop or cleanup selects exactly it. */
export const RUN_LABEL = 'gantry.dev/run';

function renderJob(spec: WorkloadSpec, namespace: string, pullSecretNames: string[], opts: RenderOptions): V1Job {
  const suffix = jobRunSuffix(spec, opts.runId);
  const base = meta(spec, namespace, taskRunJobName(spec.identity.component, suffix));
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { ...base, labels: { ...base.labels, [RUN_LABEL]: suffix } },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: spec.task?.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS,
      ttlSecondsAfterFinished: opts.jobTtlSeconds ?? 86_400,
      template: renderPodTemplate(spec, { withPorts: false, restartPolicy: 'Never', pullSecretNames }),
    },
  };
}

/**
 * One run of a task as its own Job (Run Now / Run with Arguments on a Kubernetes plane): the
 * workload's Job with the run's arguments in place of the image CMD, named after the run.
 */
export function renderTaskRunJob(spec: WorkloadSpec, run: { runId: string; args: string[]; timeoutSeconds: number }, opts: RenderOptions = {}): KubeObject[] {
  const runSpec: WorkloadSpec = { ...spec, type: 'manual-task', args: run.args.length ? run.args : spec.args, task: { ...spec.task, timeoutSeconds: run.timeoutSeconds } };
  return renderWorkload(runSpec, { ...opts, runId: run.runId });
}

/** Every object that runs `spec`, in apply order: namespace, secrets and config, network policy, service, route, workload. */
export function renderWorkload(spec: WorkloadSpec, opts: RenderOptions = {}): KubeObject[] {
  checkPorts(spec.ports);
  const ns = renderNamespace(spec, opts.namespacePrefix);
  const namespace = ns.metadata!.name!;
  const pullSecrets = basicRegistries(spec, opts.registries).map((auth) => renderPullSecret(spec, namespace, auth));
  const pullSecretNames = pullSecrets.map((s) => s.metadata!.name!);
  const objects: (object | null)[] = [ns, ...pullSecrets, renderEnvSecret(spec, namespace), renderFilesConfigMap(spec, namespace)];
  switch (spec.type) {
    case 'service':
    case 'web-app':
      objects.push(
        renderNetworkPolicy(spec, namespace, opts.visibility ?? 'project'),
        renderService(spec, namespace),
        opts.gateway === null ? null : renderHttpRoute(spec, namespace, opts.gateway ?? DEFAULT_GATEWAY),
        renderDeployment(spec, namespace, pullSecretNames),
      );
      break;
    case 'scheduled-task':
      objects.push(renderCronJob(spec, namespace, pullSecretNames, opts));
      break;
    case 'manual-task':
      objects.push(renderJob(spec, namespace, pullSecretNames, opts));
      break;
    default:
      throw ServiceError.invalid(`Unknown component type "${String((spec as { type: unknown }).type)}".`);
  }
  return objects.filter((o) => o !== null) as KubeObject[];
}

/** A copy of `objects` fit to show a person: every Secret value becomes "<redacted>". */
export function redactForDisplay<T extends { kind?: string }>(objects: T[]): T[] {
  return objects.map((object) => {
    const copy = structuredClone(object) as T & { data?: Record<string, string>; stringData?: Record<string, string> };
    if (copy.kind !== 'Secret') return copy;
    for (const field of ['data', 'stringData'] as const) {
      const values = copy[field];
      if (values) copy[field] = Object.fromEntries(Object.keys(values).map((k) => [k, REDACTED]));
    }
    return copy;
  });
}
