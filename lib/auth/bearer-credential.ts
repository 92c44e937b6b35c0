import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { apiKey, ciToken } from '@/db/schema';
import { displayPrefix, generateToken, hashesEqual, hashToken } from '@/lib/crypto/tokens';

/**
 * The one home of bearer credentials — organisation API keys and component CI tokens.
 * Both are 256-bit random values with a readable prefix, stored only as a SHA-256 hash,
 * compared in constant time, shown once, optionally expiring, revocable at once, and
 * stamped with when they were last used. Keeping both here stops the two from drifting.
 */
export const credentialKinds = {
  'api-key': { prefix: 'gak', table: apiKey },
  'ci-token': { prefix: 'gct', table: ciToken },
} as const;

export type CredentialKind = keyof typeof credentialKinds;
type Table = (typeof credentialKinds)[CredentialKind]['table'];
type Row<K extends CredentialKind> = (typeof credentialKinds)[K]['table']['$inferSelect'];

/** 32 random bytes in base64url: 43 characters after the prefix and its underscore. */
const secretPattern = /^[A-Za-z0-9_-]{43}$/;

/** How often `lastUsedAt` is written at most: a busy CI must not turn every call into a write. */
export const lastUsedThrottleMs = 60_000;

/** True when the presented value has this kind's exact shape (checked before any lookup). */
export function isWellFormed(kind: CredentialKind, presented: string): boolean {
  const head = `${credentialKinds[kind].prefix}_`;
  return presented.startsWith(head) && secretPattern.test(presented.slice(head.length));
}

/** A new credential: the secret to show once, and what is stored (display prefix + hash). */
export function issueCredential(kind: CredentialKind) {
  const secret = generateToken(credentialKinds[kind].prefix);
  return { secret, prefix: displayPrefix(secret), hash: hashToken(secret) };
}

/** When a credential created now with an optional lifetime in days stops working. */
export function expiryAfterDays(days: number | undefined, now = new Date()): Date | null {
  return days ? new Date(now.getTime() + days * 86_400_000) : null;
}

/** Whether a stored credential may still be used at `now`. */
export function isUsable(row: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): boolean {
  return !row.revokedAt && !(row.expiresAt && row.expiresAt <= now);
}

/**
 * The stored credential for a presented value, or undefined when it is malformed, unknown,
 * revoked or expired. Marks it used (throttled).
 */
export async function findCredential<K extends CredentialKind>(db: Db, kind: K, presented: string): Promise<Row<K> | undefined> {
  if (!isWellFormed(kind, presented)) return undefined;
  const table = credentialKinds[kind].table as Table;
  const hash = hashToken(presented);
  const [row] = (await db
    .select()
    .from(table as typeof apiKey)
    .where(eq(table.hash, hash))
    .limit(1)) as Row<K>[];
  // The lookup is by hash; the constant-time compare keeps timing out of the final check.
  if (!row || !hashesEqual(row.hash, hash) || !isUsable(row)) return undefined;
  await touch(db, table, row);
  return row;
}

async function touch(db: Db, table: Table, row: { id: string; lastUsedAt: Date | null }) {
  const now = new Date();
  if (row.lastUsedAt && now.getTime() - row.lastUsedAt.getTime() <= lastUsedThrottleMs) return;
  await db
    .update(table as typeof apiKey)
    .set({ lastUsedAt: now })
    .where(eq(table.id, row.id));
}

/** Revokes every live credential of this kind matching `where`; effective on the next request. */
export async function revokeCredentials(tx: Tx | Db, kind: CredentialKind, where: SQL | undefined) {
  const table = credentialKinds[kind].table as Table;
  return tx
    .update(table as typeof apiKey)
    .set({ revokedAt: new Date() })
    .where(and(where, isNull(table.revokedAt)))
    .returning({ id: table.id, name: table.name });
}
