import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { marketplaceCredential, marketplaceEntry } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { ENDPOINT_ENTRY_VERSION, ENDPOINT_KEYS, endpointEntries, parseEndpointEntryName, type EndpointEntry } from '@/lib/marketplace/endpoint-entries';
import { component, project } from '@/db/schema';

export type StoredEntry = typeof marketplaceEntry.$inferSelect;

/** Every stored version of one entry, newest first. */
export async function storedVersions(db: Tx, organizationId: string, name: string) {
  return db.select().from(marketplaceEntry).where(and(eq(marketplaceEntry.organizationId, organizationId), eq(marketplaceEntry.name, name))).orderBy(desc(marketplaceEntry.createdAt));
}

/** The keys an entry provides (over all environments), in a stable order. */
export async function entryKeys(db: Tx, entryIds: string[]) {
  if (!entryIds.length) return new Map<string, string[]>();
  const rows = await db
    .selectDistinct({ entryId: marketplaceCredential.entryId, key: marketplaceCredential.key })
    .from(marketplaceCredential)
    .where(inArray(marketplaceCredential.entryId, entryIds))
    .orderBy(asc(marketplaceCredential.key));
  const keys = new Map<string, string[]>();
  for (const r of rows) keys.set(r.entryId, [...(keys.get(r.entryId) ?? []), r.key]);
  return keys;
}

export type ResolvedEntry =
  | { kind: 'stored'; name: string; version: string; entry: StoredEntry; keys: string[] }
  | { kind: 'endpoint'; name: string; version: string; entry: EndpointEntry; keys: string[] };

/** One version of an entry of the organisation, stored or derived from an endpoint; not found otherwise. */
export async function resolveEntry(db: Tx, organizationId: string, name: string, version: string): Promise<ResolvedEntry> {
  const ep = parseEndpointEntryName(name);
  if (ep) {
    const [c] = await db
      .select({ id: component.id })
      .from(component)
      .innerJoin(project, eq(project.id, component.projectId))
      .where(and(eq(component.organizationId, organizationId), eq(project.name, ep.project), eq(component.name, ep.component)));
    const [entry] = c && version === ENDPOINT_ENTRY_VERSION ? await endpointEntries(db, organizationId, { componentId: c.id, endpointName: ep.endpoint }) : [];
    if (!entry) throw ServiceError.notFound(`Marketplace entry "${name}" version ${version}`);
    return { kind: 'endpoint', name, version, entry, keys: [...ENDPOINT_KEYS] };
  }
  const [entry] = await db
    .select()
    .from(marketplaceEntry)
    .where(and(eq(marketplaceEntry.organizationId, organizationId), eq(marketplaceEntry.name, name), eq(marketplaceEntry.version, version)));
  if (!entry) throw ServiceError.notFound(`Marketplace entry "${name}" version ${version}`);
  return { kind: 'stored', name, version, entry, keys: (await entryKeys(db, [entry.id])).get(entry.id) ?? [] };
}

/** `<CONNECTION>_<KEY>`: the variable a key becomes unless the connection says otherwise. */
export function defaultEnvName(connectionName: string, key: string) {
  return `${connectionName.replace(/-/g, '_')}_${key}`.toUpperCase();
}
