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
  /** Where the container answers on the Gantry host itself (loopback, changes with every rollout). */
  hostUrl: string | null;
}

/** Each endpoint of an active release, with where it can be reached in that environment. */
export function endpointAddresses(a: {
  org: string;
  project: string;
  component: string;
  env: string;
  driver: 'docker' | 'kubernetes';
  workload: ReleaseWorkload | null;
  endpoints: { name: string; url: string }[] | null;
}): EndpointAddress[] {
  const gateway = config().gatewayUrl;
  return (a.workload?.endpoints ?? []).map((e) => {
    const port = a.workload!.ports.find((p) => p.port === e.port);
    const hostUrl = a.endpoints?.find((x) => x.name === port?.name)?.url ?? null;
    const routed = gateway && a.driver === 'docker' && isPublicHttp(e);
    return {
      name: e.name,
      type: e.type,
      visibilities: e.visibilities,
      context: e.context ?? null,
      publicUrl: routed ? `${gateway}${publicPath({ org: a.org, project: a.project, component: a.component, env: a.env, context: e.context ?? '/' })}` : null,
      hostUrl: hostUrl && e.context && e.context !== '/' ? `${hostUrl}${e.context}` : hostUrl,
    };
  });
}
