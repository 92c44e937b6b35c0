import type { Db } from '@/db/client';
import { findCredential } from '@/lib/auth/bearer-credential';
import type { Actor } from '../context';

/** The CI actor for a presented token, or undefined when malformed, unknown, revoked or expired. */
export async function authenticateCiToken(db: Db, presented: string): Promise<Extract<Actor, { type: 'ci-token' }> | undefined> {
  const row = await findCredential(db, 'ci-token', presented);
  if (!row) return undefined;
  return { type: 'ci-token', tokenId: row.id, name: row.name, organizationId: row.organizationId, componentId: row.componentId };
}
