import { and, asc, eq, gt } from 'drizzle-orm';
import { invitation, member, user } from '@/db/schema';
import type { ServiceContext } from '../context';
import { authorizeOrg, noFields } from '../paths';
import { parse } from '../validation';

export async function listMembers(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'org:read');
  parse(noFields, body);
  const members = await ctx.db
    .select({ userId: member.userId, role: member.role, name: user.name, email: user.email, joinedAt: member.createdAt })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, org.id))
    .orderBy(asc(user.email));
  const invitations = await ctx.db
    .select({ id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, createdAt: invitation.createdAt })
    .from(invitation)
    .where(and(eq(invitation.organizationId, org.id), eq(invitation.status, 'pending'), gt(invitation.expiresAt, new Date())))
    .orderBy(asc(invitation.email));
  return { members, invitations };
}
