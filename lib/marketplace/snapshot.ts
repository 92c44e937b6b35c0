import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { connection, marketplaceCredential, marketplaceEntry, type ReleaseConnectionEntry, type ReleaseConnectionValue } from '@/db/schema';
import { ENDPOINT_ENTRY_VERSION, endpointEntries } from './endpoint-entries';

/**
 * What every connection reaching a component (its project's first, then its own, each oldest
 * first: later ones win a variable) would inject now, in every environment: the release
 * snapshot's connection part. Reads ciphertexts, never decrypts: decryption happens only on the
 * data-plane path (inject.ts).
 */
export async function liveConnections(tx: Tx, comp: { id: string; projectId: string }): Promise<ReleaseConnectionEntry[]> {
  const rows = await tx
    .select({ c: connection, entry: marketplaceEntry })
    .from(connection)
    .leftJoin(marketplaceEntry, eq(marketplaceEntry.id, connection.entryId))
    .where(and(eq(connection.projectId, comp.projectId), or(isNull(connection.componentId), eq(connection.componentId, comp.id))))
    .orderBy(connection.createdAt, connection.id);
  rows.sort((a, b) => Number(a.c.componentId !== null) - Number(b.c.componentId !== null));
  const entryIds = rows.flatMap((r) => (r.entry ? [r.entry.id] : []));
  const creds = entryIds.length ? await tx.select().from(marketplaceCredential).where(inArray(marketplaceCredential.entryId, entryIds)) : [];
  const out: ReleaseConnectionEntry[] = [];
  for (const { c, entry } of rows) {
    const base = { connectionId: c.id, name: c.name, scope: c.componentId ? ('component' as const) : ('project' as const), env: c.env };
    if (entry) {
      const values = creds
        .filter((cr) => cr.entryId === entry.id && cr.key in c.env)
        .map((cr): ReleaseConnectionValue => ({ environmentId: cr.environmentId, key: cr.key, secret: cr.isSecret, value: cr.isSecret ? null : (cr.value ?? ''), credentialId: cr.isSecret ? cr.id : null, valueCiphertext: cr.isSecret ? cr.valueCiphertext : null }));
      out.push({ ...base, entryId: entry.id, entryName: entry.name, entryVersion: entry.version, entryRevision: entry.revision, values: sortValues(values) });
    } else {
      const [ep] = c.endpointComponentId ? await endpointEntries(tx, c.organizationId, { componentId: c.endpointComponentId, endpointName: c.endpointName ?? undefined }) : [];
      const values = 'URL' in c.env ? (ep?.environments ?? []).map((e): ReleaseConnectionValue => ({ environmentId: e.environmentId, key: 'URL', secret: false, value: e.url, credentialId: null, valueCiphertext: null })) : [];
      out.push({ ...base, entryId: null, entryName: ep?.name ?? `endpoint ${c.endpointName}`, entryVersion: ENDPOINT_ENTRY_VERSION, entryRevision: 1, values: sortValues(values) });
    }
  }
  return out;
}

function sortValues(values: ReleaseConnectionValue[]) {
  return values.sort((a, b) => `${a.environmentId}\0${a.key}`.localeCompare(`${b.environmentId}\0${b.key}`));
}

/**
 * Short, stable revision of a release's connections. Ids are left out (re-creating an equal
 * connection is no change) except where they carry meaning: the entry revision (a re-publish
 * is a change even when the values are equal, so the next deploy records it) and the
 * ciphertext of a secret (equal plaintexts are not comparable otherwise).
 */
export function connectionsRevision(connections: ReleaseConnectionEntry[]) {
  const shape = connections.map((c) => [c.name, c.scope, c.entryName, c.entryVersion, c.entryRevision, Object.entries(c.env).sort(), c.values.map((v) => [v.environmentId, v.key, v.secret, v.value, v.valueCiphertext])]);
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 12);
}
