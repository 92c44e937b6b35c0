import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { invitation, member, user } from '@/db/schema';
import { generateToken, hashToken } from '@/lib/crypto/tokens';
import { ServiceError } from '@/lib/errors';
import { audit, authorize, type ServiceContext } from '../context';
import { parse } from '../validation';
import { inviteMemberInput } from './schemas';

const invitationDays = 7;

export type InviteResult =
  | { kind: 'added'; userId: string; email: string; role: string }
  | { kind: 'invited'; invitationId: string; email: string; role: string; token: string; expiresAt: Date };

/**
 * Adds an existing account to the organisation at once; otherwise creates an invitation
 * whose link (shown once, stored hashed) lets the person create their account and join.
 */
export async function inviteMember(ctx: ServiceContext, orgSlug: string, input: unknown): Promise<InviteResult> {
  const { org } = await authorize(ctx, orgSlug, 'members:manage');
  const data = parse(inviteMemberInput, input);
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: user.id }).from(user).where(eq(user.email, data.email));
    if (existing) {
      const [already] = await tx
        .select({ id: member.id })
        .from(member)
        .where(and(eq(member.organizationId, org.id), eq(member.userId, existing.id)));
      if (already) throw ServiceError.conflict(`${data.email} is already a member of this organization.`, { fields: { email: 'Already a member.' } });
      await tx.insert(member).values({ id: randomUUID(), organizationId: org.id, userId: existing.id, role: data.role });
      await audit(tx, ctx, org.id, { action: 'member.add', targetType: 'user', targetId: existing.id, targetLabel: data.email, data: { role: data.role } });
      return { kind: 'added', userId: existing.id, email: data.email, role: data.role };
    }
    const token = generateToken('gin');
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + invitationDays * 86_400_000);
    await tx
      .update(invitation)
      .set({ status: 'canceled' })
      .where(and(eq(invitation.organizationId, org.id), eq(invitation.email, data.email), eq(invitation.status, 'pending')));
    await tx.insert(invitation).values({ id, organizationId: org.id, email: data.email, role: data.role, tokenHash: hashToken(token), expiresAt, inviterId: ctx.actor.type === 'user' ? ctx.actor.userId : null });
    await audit(tx, ctx, org.id, { action: 'member.invite', targetType: 'invitation', targetId: id, targetLabel: data.email, data: { role: data.role } });
    return { kind: 'invited', invitationId: id, email: data.email, role: data.role, token, expiresAt };
  });
}
