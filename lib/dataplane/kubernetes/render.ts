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

export interface RenderOptions {
  /** Prefix of every namespace name; default "gantry-". */
  namespacePrefix?: string;
  /** The org's registries; each `basic` one becomes an image-pull Secret. The spec's own pullAuth is always included. */
  registries?: PullAuth[];
  /** Who may open connections to a service or web-app; default "project" (its own namespace only). */
  visibility?: Visibility;
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

function ingressRule(spec: WorkloadSpec, visibility: Visibility): IngressRule {
  const rule: IngressRule = {};
  if (visibility === 'project') rule.from = [{ podSelector: {} }];
  if (visibility === 'organization') {
    const orgNamespaces = { [LABELS.managedBy]: MANAGER, [LABELS.org]: labelValue(spec.identity.org) };
    rule.from = [{ namespaceSelector: { matchLabels: orgNamespaces } }];
  }
  if (spec.ports.length) rule.ports = spec.ports.map((p) => ({ port: p.port, protocol: p.protocol }));
  return rule;
}

function renderNetworkPolicy(spec: WorkloadSpec, namespace: string, visibility: Visibility): NetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(spec, namespace, componentBaseName(spec.identity.component)),
    spec: {
      podSelector: { matchLabels: selectorLabels(spec.identity) },
      policyTypes: ['Ingress'],
      ingress: [ingressRule(spec, visibility)],
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

/** Every object that runs `spec`, in apply order: namespace, secrets and config, network policy, service, workload. */
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
