import { and, eq, gt } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { invitation, organization, user } from '@/db/schema';
import { hashToken } from '@/lib/crypto/tokens';
import { ServiceError } from '@/lib/errors';

/** A pending, unexpired invitation by its link token; anything else is "not found". */
export async function findInvitation(db: Tx, token: string) {
  const [row] = await db
    .select({ id: invitation.id, email: invitation.email, role: invitation.role, organizationId: invitation.organizationId, orgSlug: organization.slug, orgName: organization.name })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .where(and(eq(invitation.tokenHash, hashToken(token)), eq(invitation.status, 'pending'), gt(invitation.expiresAt, new Date())));
  if (!row) throw new ServiceError('not_found', 'This invitation link is invalid, was already used, or has expired. Ask an admin for a new one.');
  const [account] = await db.select({ id: user.id }).from(user).where(eq(user.email, row.email));
  return { ...row, hasAccount: !!account };
}
