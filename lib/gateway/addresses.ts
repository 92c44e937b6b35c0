import type { ReleaseWorkload, StoredEndpoint } from '@/db/schema';
import { config } from '@/lib/config';
import { isPublicHttp } from './public-routes';
import { publicPath } from './routes';

export interface EndpointAddress {
  name: string;
  type: StoredEndpoint['type'];
  visibilities: StoredEndpoint['visibilities'];
  context: string | null;
  /** The stable URL through the gateway (Public HTTP endpoints on a docker plane, gateway on). */
  publicUrl: string | null;
  /**
   * How other components of the environment reach it: http://api.shop:8080 on a docker plane
   * (its project's network, and the organisation's for Organization/Public endpoints),
   * http://api.<namespace>.svc.cluster.local:8080 on Kubernetes. The same in every release.
   */
  networkUrl: string | null;
  /** Where the container answers on the Gantry host itself (a published port on loopback, changes with every rollout); null when not published. */
  hostUrl: string | null;
}

/** A served port as a deployment recorded it (docker: url on the host or in the network, networkUrl always; kubernetes: url in the cluster). */
export interface RecordedEndpoint {
  name: string;
  url: string;
  networkUrl?: string;
}

/** Each endpoint of an active release, with where it can be reached in that environment. */
export function endpointAddresses(a: {
  org: string;
  project: string;
  component: string;
  env: string;
  driver: 'docker' | 'kubernetes';
  workload: ReleaseWorkload | null;
  endpoints: RecordedEndpoint[] | null;
}): EndpointAddress[] {
  const gateway = config().gatewayUrl;
  return (a.workload?.endpoints ?? []).map((e) => {
    const port = a.workload!.ports.find((p) => p.port === e.port);
    const served = a.endpoints?.find((x) => x.name === port?.name);
    // Kubernetes records only the in-cluster URL; docker records both, equal when the port is not published.
    const networkUrl = served ? (served.networkUrl ?? (a.driver === 'kubernetes' ? served.url : null)) : null;
    const hostUrl = served && a.driver === 'docker' && served.url !== served.networkUrl ? served.url : null;
    const routed = gateway && a.driver === 'docker' && isPublicHttp(e);
    return {
      name: e.name,
      type: e.type,
      visibilities: e.visibilities,
      context: e.context ?? null,
      publicUrl: routed ? `${gateway}${publicPath({ org: a.org, project: a.project, component: a.component, env: a.env, context: e.context ?? '/' })}` : null,
      networkUrl: withContext(networkUrl, e.context),
      hostUrl: withContext(hostUrl, e.context),
    };
  });
}

function withContext(url: string | null, context: string | null | undefined) {
  return url && context && context !== '/' ? `${url}${context}` : url;
}
