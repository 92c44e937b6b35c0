import { and, asc, desc, eq } from 'drizzle-orm';
import { dataPlane, deployment, environment, release } from '@/db/schema';
import { endpointAddresses } from '@/lib/gateway/addresses';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { noFields } from '../paths';
import { parse } from '../validation';

/**
 * The environment cards of the Deploy page, in promotion order: what is active in each,
 * and the latest deployment (which may be in flight or failed).
 */
export async function componentEnvironments(ctx: ServiceContext, input: unknown) {
  const { org, project, component, body } = await loadComponent(ctx, input, 'org:read');
  parse(noFields, body);
  const envs = await ctx.db
    .select({ id: environment.id, name: environment.name, displayName: environment.displayName, position: environment.position, driver: dataPlane.driver })
    .from(environment)
    .innerJoin(dataPlane, eq(dataPlane.id, environment.dataPlaneId))
    .where(eq(environment.organizationId, org.id))
    .orderBy(asc(environment.position));
  const cols = { workload: release.workload, id: deployment.id, environmentId: deployment.environmentId, status: deployment.status, reason: deployment.reason, endpoints: deployment.endpoints, image: release.image, digest: release.digest, tag: release.tag, releaseId: release.id, updatedAt: deployment.updatedAt, triggeredBy: deployment.triggeredByLabel, observedStatus: deployment.observedStatus, observedReason: deployment.observedReason, observedAt: deployment.observedAt };
  const active = await ctx.db
    .select(cols)
    .from(deployment)
    .innerJoin(release, eq(release.id, deployment.releaseId))
    .where(and(eq(deployment.componentId, component.id), eq(deployment.status, 'active')));
  // One indexed "newest first, limit 1" per environment: cheap however long the history is.
  const latest = (
    await Promise.all(
      envs.map((e) =>
        ctx.db
          .select(cols)
          .from(deployment)
          .innerJoin(release, eq(release.id, deployment.releaseId))
          .where(and(eq(deployment.componentId, component.id), eq(deployment.environmentId, e.id)))
          .orderBy(desc(deployment.createdAt))
          .limit(1),
      ),
    )
  ).flat();
  return envs.map((e) => {
    const a = active.find((x) => x.environmentId === e.id) ?? null;
    // Drift detection (lib/reconciler/drift.ts) says whether the active release still runs.
    const drifted = a?.observedStatus === 'degraded' || a?.observedStatus === 'missing' ? a.observedStatus : null;
    return {
      name: e.name,
      displayName: e.displayName,
      position: e.position,
      /** none: nothing deployed; active: the active release runs (or was not checked yet); degraded / missing: it does not. */
      status: (drifted ?? (a ? 'active' : 'none')) as 'none' | 'active' | 'degraded' | 'missing',
      statusReason: drifted ? (a?.observedReason ?? null) : null,
      active: a,
      /** Each endpoint of the active release: its public URL through the gateway and its address on the host. */
      addresses: a ? endpointAddresses({ org: org.slug, project: project.name, component: component.name, env: e.name, driver: e.driver, workload: a.workload, endpoints: a.endpoints }) : [],
      latest: latest.find((l) => l.environmentId === e.id) ?? null,
    };
  });
}
