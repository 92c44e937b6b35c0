import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { component, connection, deployment, environment, marketplaceEntry, project, release, releaseConnection } from '@/db/schema';
import { ENDPOINT_ENTRY_VERSION, endpointEntries, endpointEntryName } from '@/lib/marketplace/endpoint-entries';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { locateScope } from './locate';
import { listConnectionsInput } from './schemas';

/**
 * A component's connections (its own and its project's) or a project's own, each with the
 * environments where what runs does not have it as it is now: "redeploy to apply" (the entry
 * was re-published, the connection changed, an endpoint moved, or the active release was made
 * without it). What runs is what the active release froze (releases from before that: what the
 * deployment recorded).
 */
export async function listConnections(ctx: ServiceContext, input: unknown) {
  const scope = await locateScope(ctx, input, false);
  parse(listConnectionsInput, input);
  const rows = await ctx.db
    .select({ c: connection, entryName: marketplaceEntry.name, entryVersion: marketplaceEntry.version, entryRevision: marketplaceEntry.revision, source: marketplaceEntry.source, epComponent: component.name, epProject: project.name })
    .from(connection)
    .leftJoin(marketplaceEntry, eq(marketplaceEntry.id, connection.entryId))
    .leftJoin(component, eq(component.id, connection.endpointComponentId))
    .leftJoin(project, eq(project.id, component.projectId))
    .where(and(eq(connection.projectId, scope.project.id), scope.component ? or(isNull(connection.componentId), eq(connection.componentId, scope.component.id)) : isNull(connection.componentId)))
    .orderBy(connection.createdAt);

  // The active deployments these connections reach, and what each was given.
  const componentIds = scope.component ? [scope.component.id] : (await ctx.db.select({ id: component.id }).from(component).where(eq(component.projectId, scope.project.id))).map((c) => c.id);
  const active = componentIds.length
    ? await ctx.db
        .select({ id: deployment.id, componentId: deployment.componentId, component: component.name, environmentId: environment.id, environment: environment.name, position: environment.position, frozen: release.connections })
        .from(deployment)
        .innerJoin(release, eq(release.id, deployment.releaseId))
        .innerJoin(environment, eq(environment.id, deployment.environmentId))
        .innerJoin(component, eq(component.id, deployment.componentId))
        .where(and(inArray(deployment.componentId, componentIds), eq(deployment.status, 'active')))
        .orderBy(environment.position)
    : [];
  const given = active.length ? await ctx.db.select().from(releaseConnection).where(inArray(releaseConnection.deploymentId, active.map((a) => a.id))) : [];

  // Where each endpoint-derived connection's endpoint is served now, by environment.
  const endpointUrls = new Map<string, Map<string, string>>();
  for (const { c } of rows.filter((x) => !x.c.entryId && x.c.endpointComponentId)) {
    const [ep] = await endpointEntries(ctx.db, scope.org.id, { componentId: c.endpointComponentId!, endpointName: c.endpointName ?? undefined });
    endpointUrls.set(c.id, new Map((ep?.environments ?? []).map((e) => [e.environmentId, e.url])));
  }

  const items = rows.map(({ c, ...r }) => {
    const stale = active.filter((a) => {
      if (a.frozen) {
        const f = a.frozen.find((x) => x.connectionId === c.id);
        if (!f || f.entryId !== c.entryId || (r.entryRevision !== null && f.entryRevision < r.entryRevision) || !sameMapping(f.env, c.env)) return true;
        const url = f.values.find((v) => v.environmentId === a.environmentId && v.key === 'URL')?.value;
        return !c.entryId && url !== endpointUrls.get(c.id)?.get(a.environmentId);
      }
      const g = given.find((x) => x.deploymentId === a.id && x.connectionId === c.id);
      return !g || g.entryId !== c.entryId || (r.entryRevision !== null && g.entryRevision < r.entryRevision) || g.createdAt < c.updatedAt;
    });
    return {
      name: c.name,
      scope: c.componentId ? ('component' as const) : ('project' as const),
      entry: c.entryId ? r.entryName! : endpointEntryName(r.epProject ?? '?', r.epComponent ?? '?', c.endpointName ?? '?'),
      version: c.entryId ? r.entryVersion! : ENDPOINT_ENTRY_VERSION,
      source: c.entryId ? r.source! : ('endpoint' as const),
      env: Object.entries(c.env).map(([key, name]) => ({ key, env: name })),
      createdAt: c.createdAt.toISOString(),
      /** Where to redeploy: "environment" for a component, "component@environment" for a project. */
      redeployToApply: stale.map((a) => (scope.component ? a.environment : `${a.component}@${a.environment}`)),
      /** Where what runs has it as it is now. */
      appliedIn: active.filter((a) => !stale.includes(a)).map((a) => (scope.component ? a.environment : `${a.component}@${a.environment}`)),
    };
  });
  return { items };
}

function sameMapping(a: Record<string, string>, b: Record<string, string>) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
