import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { environment, releaseConnection, type ReleaseConnectionEntry } from '@/db/schema';
import { keyRing } from '@/lib/crypto';
import { ServiceError } from '@/lib/errors';
import { credentialSecretLabel } from './credential-label';
import { liveConnections } from './snapshot';

export interface UsedEntry {
  connectionId: string;
  connectionName: string;
  entryId: string | null;
  entryName: string;
  entryVersion: string;
  entryRevision: number;
}

/**
 * The environment variables a component's connections give its container in one environment,
 * secrets decrypted: this is the data-plane path, and the only place credential ciphertext is
 * decrypted. `frozen` is what the release recorded (releases/snapshot.ts); a release from
 * before connections were frozen (null) gets what they inject now. A value the environment
 * lacks throws a `conflict` naming connection, entry, environment and key, so the deployment
 * fails before anything starts.
 */
export async function connectionEnv(
  db: Db,
  target: { projectId: string; componentId: string; environmentId: string; frozen?: ReleaseConnectionEntry[] | null },
) {
  const connections = target.frozen ?? (await liveConnections(db, { id: target.componentId, projectId: target.projectId }));
  const env: Record<string, string> = {};
  const used: UsedEntry[] = [];
  let envName: string | undefined;
  const environmentName = async () => (envName ??= (await db.select({ name: environment.name }).from(environment).where(eq(environment.id, target.environmentId)))[0]?.name ?? 'this environment');
  for (const c of connections) {
    const label = c.entryId ? `${c.entryName}@${c.entryVersion}` : c.entryName;
    const values = new Map(c.values.filter((v) => v.environmentId === target.environmentId).map((v) => [v.key, v]));
    for (const [key, variable] of Object.entries(c.env)) {
      const v = values.get(key);
      if (!v) {
        const where = `in ${await environmentName()}${target.frozen ? ' in this release' : ''}`;
        const fix = target.frozen
          ? 'publish the entry with credentials for this environment, then deploy a new release (an image tag, not a previous image); or remove the connection.'
          : 'publish the entry with credentials for this environment, or remove the connection.';
        throw new ServiceError('conflict', `Connection "${c.name}" (${label}) has no value for ${key} ${where}: ${fix}`);
      }
      env[variable] = v.secret ? keyRing().decrypt(v.valueCiphertext!, credentialSecretLabel(v.credentialId!)) : (v.value ?? '');
    }
    used.push({ connectionId: c.connectionId, connectionName: c.name, entryId: c.entryId, entryName: c.entryName, entryVersion: c.entryVersion, entryRevision: c.entryRevision });
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
