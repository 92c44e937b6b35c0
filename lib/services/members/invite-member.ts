import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { invitation, member, user } from '@/db/schema';
import { generateToken, hashToken } from '@/lib/crypto/tokens';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';
import { inviteMemberInput } from './schemas';

const invitationDays = 7;

export interface InviteResult {
  kind: 'invited';
  invitationId: string;
  email: string;
  role: string;
  token: string;
  expiresAt: Date;
}

/**
 * Creates an invitation whose link (shown once, stored hashed) lets the person join: by
 * creating their account, or by signing in to the one they have. Everyone gets the same
 * answer, so inviting says nothing about whether an address has an account, and nobody
 * joins an organisation without accepting.
 */
export async function inviteMember(ctx: ServiceContext, input: unknown): Promise<InviteResult> {
  const { org, body } = await authorizeOrg(ctx, input, 'members:manage');
  const data = parse(inviteMemberInput, body);
  return ctx.db.transaction(async (tx) => {
    // Members are listed to admins anyway: saying so reveals nothing new.
    const [already] = await tx
      .select({ id: member.id })
      .from(member)
      .innerJoin(user, eq(user.id, member.userId))
      .where(and(eq(member.organizationId, org.id), eq(user.email, data.email)));
    if (already) throw ServiceError.conflict(`${data.email} is already a member of this organization.`, { fields: { email: 'Already a member.' } });
    const issued = await issueInvitation(tx, ctx, org.id, data);
    await audit(tx, ctx, org.id, { action: 'member.invite', targetType: 'invitation', targetId: issued.invitationId, targetLabel: data.email, data: { role: data.role } });
    return issued;
  });
}

/**
 * A new pending invitation (its link token returned this once); any earlier pending one for
 * the address is canceled, so only the newest link works.
 */
export async function issueInvitation(tx: Tx, ctx: ServiceContext, organizationId: string, data: { email: string; role: string }): Promise<InviteResult> {
  const token = generateToken('gin');
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + invitationDays * 86_400_000);
  await tx
    .update(invitation)
    .set({ status: 'canceled' })
    .where(and(eq(invitation.organizationId, organizationId), eq(invitation.email, data.email), eq(invitation.status, 'pending')));
  await tx.insert(invitation).values({ id, organizationId, email: data.email, role: data.role, tokenHash: hashToken(token), expiresAt, inviterId: ctx.actor.type === 'user' ? ctx.actor.userId : null });
  return { kind: 'invited', invitationId: id, email: data.email, role: data.role, token, expiresAt };
}
