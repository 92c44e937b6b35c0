import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiKey } from '@/db/schema';
import { hashToken, hashesEqual } from '@/lib/crypto/tokens';
import type { Actor } from '../context';
import type { Role } from '../roles';

/** The actor for a presented API key, or undefined when it is unknown, revoked or expired. */
export async function authenticateApiKey(db: Db, presented: string): Promise<Actor | undefined> {
  const hash = hashToken(presented);
  const [row] = await db.select().from(apiKey).where(eq(apiKey.hash, hash)).limit(1);
  if (!row || !hashesEqual(row.hash, hash)) return undefined;
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return undefined;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKey).set({ lastUsedAt: now }).where(eq(apiKey.id, row.id));
  }
  return { type: 'api-key', keyId: row.id, name: row.name, organizationId: row.organizationId, role: row.role as Role };
}
