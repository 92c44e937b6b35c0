/**
 * "Test connection" for a Kubernetes data plane: can we reach the API server, which version
 * is it, and may the credentials create what a rollout creates (SelfSubjectAccessReviews)?
 * Answers are sentences without secrets: no token, no certificate, no response body.
 */
import type { EgressPolicy } from '@/lib/net/egress';
import { describeApiError } from './api-errors';
import { loadKubeApi, type AccessCheck, type KubeApi } from './client';
import { checkKubeconfig } from './kubeconfig';

/** What a rollout creates, cluster-wide (each component gets namespaces of its own). */
export const REQUIRED_ACCESS: (AccessCheck & { label: string })[] = [
  { verb: 'create', resource: 'namespaces', group: '', label: 'Namespaces' },
  { verb: 'create', resource: 'deployments', group: 'apps', label: 'Deployments' },
  { verb: 'create', resource: 'secrets', group: '', label: 'Secrets' },
  { verb: 'create', resource: 'networkpolicies', group: 'networking.k8s.io', label: 'NetworkPolicies' },
  { verb: 'create', resource: 'cronjobs', group: 'batch', label: 'CronJobs' },
];

export interface ClusterProbe {
  /** Reachable, and (when permissions were asked) allowed to create everything in REQUIRED_ACCESS. */
  ok: boolean;
  /** The API server could be reached at all. */
  reachable: boolean;
  message: string;
  server: string;
  version?: string;
  permissions?: { verb: string; resource: string; group: string; allowed: boolean }[];
}

export async function probeCluster(
  kubeconfig: string,
  opts: { egress?: EgressPolicy; trusted?: boolean; permissions?: boolean; api?: KubeApi } = {},
): Promise<ClusterProbe> {
  const { server } = checkKubeconfig(kubeconfig, { trusted: opts.trusted });
  let version: string;
  let api: KubeApi;
  try {
    api = opts.api ?? (await loadKubeApi(kubeconfig, { egress: opts.egress }));
    version = await api.version();
  } catch (e) {
    return { ok: false, reachable: false, server, message: `Cannot reach the Kubernetes API at ${server}: ${describeApiError(e).message}.` };
  }
  if (opts.permissions === false) return { ok: true, reachable: true, server, version, message: `Connected to Kubernetes ${version} at ${server}.` };
  let allowed: boolean[];
  try {
    allowed = await api.canI(REQUIRED_ACCESS);
  } catch (e) {
    return { ok: false, reachable: true, server, version, message: `Connected to Kubernetes ${version} at ${server}, but could not ask what the credentials may do: ${describeApiError(e).message}.` };
  }
  const permissions = REQUIRED_ACCESS.map(({ verb, resource, group }, i) => ({ verb, resource, group, allowed: allowed[i] }));
  const denied = REQUIRED_ACCESS.filter((_, i) => !allowed[i]).map((a) => a.label);
  const message = denied.length
    ? `Connected to Kubernetes ${version} at ${server}, but the credentials may not create ${denied.join(', ')}: rollouts will fail until they may.`
    : `Connected to Kubernetes ${version} at ${server}; the credentials may create Namespaces, Deployments, Secrets, NetworkPolicies and CronJobs.`;
  return { ok: denied.length === 0, reachable: true, server, version, permissions, message };
}
