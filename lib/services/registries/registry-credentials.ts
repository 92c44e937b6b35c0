import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { containerRegistry } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { decryptRegistrySecret } from './secret';
import { isUuid } from '../validation';

/**
 * A registry with its decrypted password, for the paths that must talk to the registry or
 * hand credentials to a data plane. Never return this to a caller.
 */
export async function registryWithCredentials(db: Tx, organizationId: string, id: string) {
  if (!isUuid(id)) throw ServiceError.notFound('Container registry');
  const [row] = await db
    .select()
    .from(containerRegistry)
    .where(and(eq(containerRegistry.id, id), eq(containerRegistry.organizationId, organizationId)));
  if (!row) throw ServiceError.notFound('Container registry');
  return withCredentials(row);
}

/** A registry row (secret column included) with its password decrypted, for a caller that read the row itself. */
export function withCredentials(row: typeof containerRegistry.$inferSelect) {
  const password = decryptRegistrySecret(row.id, row.secretCiphertext);
  const credentials = row.authType !== 'vendor' && row.username && password ? { username: row.username, password } : undefined;
  return { id: row.id, host: row.host, authType: row.authType, insecure: row.insecure, displayName: row.displayName, credentials };
}
export type RegistryWithCredentials = Awaited<ReturnType<typeof registryWithCredentials>>;
