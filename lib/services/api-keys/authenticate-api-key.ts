import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { member } from '@/db/schema';
import { findCredential } from '@/lib/auth/bearer-credential';
import type { Actor } from '../context';
import { cappedRole, type Role } from '../roles';

/**
 * The actor for a presented API key, or undefined when it is unknown, revoked or expired.
 * A key acts for the person who created it: never with more than that person's current
 * role in the organisation, and not at all once they are no longer a member.
 */
export async function authenticateApiKey(db: Db, presented: string): Promise<Extract<Actor, { type: 'api-key' }> | undefined> {
  const row = await findCredential(db, 'api-key', presented);
  if (!row) return undefined;
  let role = row.role as Role;
  if (row.createdBy) {
    const [creator] = await db
      .select({ role: member.role })
      .from(member)
      .where(and(eq(member.organizationId, row.organizationId), eq(member.userId, row.createdBy)))
      .limit(1);
    if (!creator) return undefined;
    role = cappedRole(role, creator.role as Role);
  }
  return { type: 'api-key', keyId: row.id, name: row.name, organizationId: row.organizationId, role, createdBy: row.createdBy };
}
