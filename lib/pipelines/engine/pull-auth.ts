import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { containerRegistry } from '@/db/schema';
import type { PullAuth } from '@/lib/dataplane/types';
import { parseImageReference } from '@/lib/oci/reference';
import { bareHost, normalizeDomain } from '@/lib/registries/registry-host';
import { registryWithCredentials } from '@/lib/services/registries/registry-credentials';

/**
 * How a step image is pulled: with the credentials of the organisation's registered registry
 * for the image's host (the oldest, if several share it) — the same decrypted-on-the-data-plane
 * path deployments use — else anonymously. A step names any image, so the host is all there
 * is to go by; credentials never go to another host.
 */
export async function stepPullAuth(db: Db, organizationId: string, image: string): Promise<PullAuth> {
  let domain: string;
  try {
    domain = normalizeDomain(parseImageReference(image).domain);
  } catch {
    return { kind: 'none' }; // the pull says what is wrong with the reference
  }
  const rows = await db.select({ id: containerRegistry.id, host: containerRegistry.host }).from(containerRegistry).where(eq(containerRegistry.organizationId, organizationId)).orderBy(asc(containerRegistry.createdAt));
  const match = rows.find((r) => normalizeDomain(bareHost(r.host)) === domain);
  if (!match) return { kind: 'none' };
  const registry = await registryWithCredentials(db, organizationId, match.id);
  if (registry.authType === 'vendor') return { kind: 'vendor' };
  return registry.credentials ? { kind: 'basic', serverAddress: registry.host, ...registry.credentials } : { kind: 'none' };
}
