import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, componentEndpoints, deployment, environment, project } from '@/db/schema';

/** The one version an endpoint-derived entry has: it follows whatever the component runs. */
export const ENDPOINT_ENTRY_VERSION = 'v1';
/** The key a connection to an endpoint provides. */
export const ENDPOINT_KEYS = ['URL'] as const;

export interface EndpointEntry {
  name: string;
  version: string;
  category: 'Service';
  description: string;
  tags: string[];
  source: 'endpoint';
  componentId: string;
  projectName: string;
  componentName: string;
  endpointName: string;
  /** Where it runs now: the active deployment's URL per environment. */
  environments: { environmentId: string; environment: string; url: string }[];
}

/** "project.component.endpoint": stored entry names have no dots, so these never collide. */
export const endpointEntryName = (projectName: string, componentName: string, endpointName: string) => `${projectName}.${componentName}.${endpointName}`;

/**
 * Every endpoint with Organization or Public visibility, read from what the components
 * declare and what their active deployments serve: nothing is copied, so an endpoint
 * appears, moves or goes away with the component.
 */
export async function endpointEntries(db: Tx, organizationId: string, only?: { componentId: string; endpointName?: string }): Promise<EndpointEntry[]> {
  const rows = await db
    .select({ id: component.id, name: component.name, description: component.description, ports: component.ports, projectName: project.name, endpoints: componentEndpoints.endpoints })
    .from(componentEndpoints)
    .innerJoin(component, eq(component.id, componentEndpoints.componentId))
    .innerJoin(project, eq(project.id, component.projectId))
    .where(and(eq(component.organizationId, organizationId), only ? eq(component.id, only.componentId) : undefined));
  const shared = rows.flatMap((r) =>
    r.endpoints
      .filter((e) => e.visibilities.some((v) => v === 'Organization' || v === 'Public'))
      .filter((e) => !only?.endpointName || e.name === only.endpointName)
      .map((e) => ({ r, e })),
  );
  if (!shared.length) return [];
  const active = await db
    .select({ componentId: deployment.componentId, environmentId: environment.id, environment: environment.name, position: environment.position, endpoints: deployment.endpoints })
    .from(deployment)
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .where(and(eq(deployment.status, 'active'), inArray(deployment.componentId, [...new Set(shared.map((s) => s.r.id))])))
    .orderBy(environment.position);
  return shared.map(({ r, e }) => {
    const portName = r.ports.find((p) => p.port === e.port)?.name;
    const environments = active
      .filter((a) => a.componentId === r.id)
      .flatMap((a) => {
        const served = a.endpoints?.find((x) => x.name === portName);
        // The in-network address: what a component of another project of the organisation can reach.
        return served ? [{ environmentId: a.environmentId, environment: a.environment, url: (served.networkUrl ?? served.url) + (e.context && e.context !== '/' ? e.context : '') }] : [];
      });
    return {
      name: endpointEntryName(r.projectName, r.name, e.name),
      version: ENDPOINT_ENTRY_VERSION,
      category: 'Service' as const,
      description: e.displayName ? `${e.displayName}${r.description ? ` — ${r.description}` : ''}` : r.description,
      tags: [e.type, ...e.visibilities],
      source: 'endpoint' as const,
      componentId: r.id,
      projectName: r.projectName,
      componentName: r.name,
      endpointName: e.name,
      environments,
    };
  });
}

/** Parses "project.component.endpoint"; undefined for a stored entry's name. */
export function parseEndpointEntryName(name: string) {
  const parts = name.split('.');
  return parts.length === 3 && parts.every(Boolean) ? { project: parts[0], component: parts[1], endpoint: parts[2] } : undefined;
}
