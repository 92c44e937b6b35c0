import { and, eq, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { component, dataPlane, deployment, environment, organization, project, release, type ReleaseWorkload, type StoredEndpoint } from '@/db/schema';
import type { GatewayRoute } from './routes';

/** Endpoint types the HTTP gateway can carry (TCP/UDP are not HTTP; gRPC needs HTTP/2 end to end). */
const HTTP_TYPES = new Set<StoredEndpoint['type']>(['REST', 'GraphQL', 'WS']);

export function isPublicHttp(e: StoredEndpoint) {
  return e.visibilities.includes('Public') && HTTP_TYPES.has(e.type);
}

/** A deployment about to become active: routed as if it were (its switch is announced only after). */
export interface PendingActivation {
  deploymentId: string;
  endpoints: { name: string; url: string }[];
}

/**
 * Every route the gateway should serve now: the Public HTTP endpoints of each active release
 * on a docker plane, to the address its container answers on. Read from the database only, so
 * any process (or a restarted one) computes the same set.
 */
export async function publicRoutes(db: Db, pending?: PendingActivation): Promise<GatewayRoute[]> {
  const rows = await db
    .select({ id: deployment.id, componentId: deployment.componentId, environmentId: deployment.environmentId, org: organization.slug, project: project.name, component: component.name, env: environment.name, endpoints: deployment.endpoints, workload: release.workload })
    .from(deployment)
    .innerJoin(release, eq(release.id, deployment.releaseId))
    .innerJoin(component, eq(component.id, deployment.componentId))
    .innerJoin(project, eq(project.id, component.projectId))
    .innerJoin(organization, eq(organization.id, deployment.organizationId))
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .innerJoin(dataPlane, eq(dataPlane.id, environment.dataPlaneId))
    .where(and(pending ? or(eq(deployment.status, 'active'), eq(deployment.id, pending.deploymentId)) : eq(deployment.status, 'active'), eq(dataPlane.driver, 'docker')));
  const mine = pending && rows.find((r) => r.id === pending.deploymentId);
  return rows
    .filter((r) => !mine || r.id === mine.id || r.componentId !== mine.componentId || r.environmentId !== mine.environmentId)
    .flatMap((r) => routesOf(r.id === pending?.deploymentId ? { ...r, endpoints: pending.endpoints } : r));
}

function routesOf(r: { org: string; project: string; component: string; env: string; endpoints: { name: string; url: string }[] | null; workload: ReleaseWorkload | null }): GatewayRoute[] {
  if (!r.workload) return [];
  const out: GatewayRoute[] = [];
  for (const e of r.workload.endpoints.filter(isPublicHttp)) {
    const port = r.workload.ports.find((p) => p.port === e.port);
    const url = r.endpoints?.find((x) => x.name === port?.name)?.url;
    if (!url) continue;
    out.push({ org: r.org, project: r.project, component: r.component, env: r.env, context: e.context ?? '/', upstreams: [new URL(url).host] });
  }
  return out;
}
