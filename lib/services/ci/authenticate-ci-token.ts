import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { ciToken } from '@/db/schema';
import { hashToken, hashesEqual } from '@/lib/crypto/tokens';
import type { Actor } from '../context';

/** The CI actor for a presented token, or undefined when unknown, revoked or expired. */
export async function authenticateCiToken(db: Db, presented: string): Promise<Extract<Actor, { type: 'ci-token' }> | undefined> {
  if (!/^gct_[A-Za-z0-9_-]{43}$/.test(presented)) return undefined;
  const hash = hashToken(presented);
  const [row] = await db.select().from(ciToken).where(eq(ciToken.hash, hash)).limit(1);
  if (!row || !hashesEqual(row.hash, hash)) return undefined;
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 10_000) {
    await db.update(ciToken).set({ lastUsedAt: new Date() }).where(eq(ciToken.id, row.id));
  }
  return { type: 'ci-token', tokenId: row.id, name: row.name, organizationId: row.organizationId, componentId: row.componentId };
}
