import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, project } from '@/db/schema';

/** Components that pull from each registry ("project/component"), by registry id. */
export async function registryUsage(db: Tx, registryIds: string[]): Promise<Map<string, string[]>> {
  const usage = new Map<string, string[]>();
  if (registryIds.length === 0) return usage;
  const rows = await db
    .select({ registryId: component.registryId, project: project.name, component: component.name })
    .from(component)
    .innerJoin(project, and(eq(project.id, component.projectId)))
    .where(inArray(component.registryId, registryIds))
    .orderBy(asc(project.name), asc(component.name));
  for (const r of rows) usage.set(r.registryId, [...(usage.get(r.registryId) ?? []), `${r.project}/${r.component}`]);
  return usage;
}
