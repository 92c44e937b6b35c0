import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, project } from '@/db/schema';

/**
 * Components that pull from each registry ("project/component"), by registry id: for the
 * given registries, or for every registry of an organisation.
 */
export async function registryUsage(db: Tx, registries: string[] | { organizationId: string }): Promise<Map<string, string[]>> {
  const usage = new Map<string, string[]>();
  if (Array.isArray(registries) && registries.length === 0) return usage;
  const rows = await db
    .select({ registryId: component.registryId, project: project.name, component: component.name })
    .from(component)
    .innerJoin(project, and(eq(project.id, component.projectId)))
    .where(Array.isArray(registries) ? inArray(component.registryId, registries) : eq(component.organizationId, registries.organizationId))
    .orderBy(asc(project.name), asc(component.name));
  for (const r of rows) usage.set(r.registryId, [...(usage.get(r.registryId) ?? []), `${r.project}/${r.component}`]);
  return usage;
}
