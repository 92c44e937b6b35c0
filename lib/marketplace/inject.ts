import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { connection, environment, marketplaceCredential, marketplaceEntry, releaseConnection } from '@/db/schema';
import { keyRing } from '@/lib/crypto';
import { ServiceError } from '@/lib/errors';
import { credentialSecretLabel } from './credential-label';
import { ENDPOINT_ENTRY_VERSION, endpointEntries } from './endpoint-entries';

export interface UsedEntry {
  connectionId: string;
  connectionName: string;
  entryId: string | null;
  entryName: string;
  entryVersion: string;
  entryRevision: number;
}

/**
 * The environment variables every connection of a component (its project's first, then its
 * own) gives its container in one environment, secrets decrypted: this is the data-plane path,
 * and the only place credential ciphertext is read. A value the environment lacks throws a
 * `conflict` naming connection, entry, environment and key, so the deployment fails before
 * anything starts.
 */
export async function connectionEnv(db: Db, target: { projectId: string; componentId: string; environmentId: string }) {
  const rows = await db
    .select({ c: connection, entry: marketplaceEntry })
    .from(connection)
    .leftJoin(marketplaceEntry, eq(marketplaceEntry.id, connection.entryId))
    .where(and(eq(connection.projectId, target.projectId), or(isNull(connection.componentId), eq(connection.componentId, target.componentId))))
    .orderBy(connection.createdAt);
  rows.sort((a, b) => Number(a.c.componentId !== null) - Number(b.c.componentId !== null));
  const env: Record<string, string> = {};
  const used: UsedEntry[] = [];
  let envName: string | undefined;
  const environmentName = async () => (envName ??= (await db.select({ name: environment.name }).from(environment).where(eq(environment.id, target.environmentId)))[0]?.name ?? 'this environment');
  for (const { c, entry } of rows) {
    const values = new Map<string, string>();
    let name: string;
    if (entry) {
      name = `${entry.name}@${entry.version}`;
      const creds = await db.select().from(marketplaceCredential).where(and(eq(marketplaceCredential.entryId, entry.id), eq(marketplaceCredential.environmentId, target.environmentId)));
      for (const cr of creds) values.set(cr.key, cr.isSecret ? keyRing().decrypt(cr.valueCiphertext!, credentialSecretLabel(cr.id)) : (cr.value ?? ''));
      used.push({ connectionId: c.id, connectionName: c.name, entryId: entry.id, entryName: entry.name, entryVersion: entry.version, entryRevision: entry.revision });
    } else {
      const [ep] = c.endpointComponentId ? await endpointEntries(db, c.organizationId, { componentId: c.endpointComponentId, endpointName: c.endpointName ?? undefined }) : [];
      name = ep?.name ?? `endpoint ${c.endpointName}`;
      const at = ep?.environments.find((e) => e.environmentId === target.environmentId);
      if (at) values.set('URL', at.url);
      used.push({ connectionId: c.id, connectionName: c.name, entryId: null, entryName: name, entryVersion: ENDPOINT_ENTRY_VERSION, entryRevision: 1 });
    }
    for (const [key, variable] of Object.entries(c.env)) {
      if (!values.has(key)) {
        throw new ServiceError('conflict', `Connection "${c.name}" (${name}) has no value for ${key} in ${await environmentName()}: publish the entry with credentials for this environment, or remove the connection.`);
      }
      env[variable] = values.get(key)!;
    }
  }
  return { env, used };
}

/** Records which entry revisions a deployment's container got (what "redeploy to apply" compares with). */
export async function recordConnections(db: Db, deployment: { id: string; releaseId: string }, used: UsedEntry[]) {
  await db.transaction(async (tx) => {
    await tx.delete(releaseConnection).where(eq(releaseConnection.deploymentId, deployment.id));
    if (used.length) await tx.insert(releaseConnection).values(used.map((u) => ({ ...u, deploymentId: deployment.id, releaseId: deployment.releaseId })));
  });
}
