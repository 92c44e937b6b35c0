import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { invitation, member, user } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { insertUser } from '../users/insert-user';
import { parse } from '../validation';
import { findInvitation } from './find-invitation';
import { acceptInvitationInput } from './schemas';

/**
 * Joins the invitation's organisation. A signed-in user joins if the invitation is for
 * their email; a person without an account creates one with the invited email.
 */
export async function acceptInvitation(ctx: ServiceContext, input: unknown) {
  const data = parse(acceptInvitationInput, input);
  return ctx.db.transaction(async (tx) => {
    const inv = await findInvitation(tx, data.token);
    let userId: string;
    if (ctx.actor.type === 'user') {
      if (ctx.actor.email !== inv.email) throw ServiceError.forbidden(`This invitation is for ${inv.email}. Sign in with that account.`);
      userId = ctx.actor.userId;
    } else {
      if (inv.hasAccount) throw new ServiceError('unauthenticated', `An account for ${inv.email} exists: sign in to accept the invitation.`);
      if (!data.account) throw ServiceError.invalid('Enter your name and a password to create your account.', { name: 'Required.' });
      userId = (await insertUser(tx, { ...data.account, email: inv.email })).id;
    }
    const [already] = await tx.select({ id: member.id }).from(member).where(and(eq(member.organizationId, inv.organizationId), eq(member.userId, userId)));
    if (!already) await tx.insert(member).values({ id: randomUUID(), organizationId: inv.organizationId, userId, role: inv.role });
    await tx.update(invitation).set({ status: 'accepted' }).where(eq(invitation.id, inv.id));
    const [u] = await tx.select({ email: user.email }).from(user).where(eq(user.id, userId));
    const actx = { ...ctx, actor: { type: 'user' as const, userId, email: u.email, via: 'console' as const } };
    await audit(tx, actx, inv.organizationId, { action: 'member.join', targetType: 'user', targetId: userId, targetLabel: u.email, data: { role: inv.role } });
    return { orgSlug: inv.orgSlug, email: u.email, role: inv.role };
  });
}
