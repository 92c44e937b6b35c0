import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { member, user } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';
import { memberPathInput, updateMemberInput } from './schemas';

export async function assertAnotherAdmin(tx: Tx, orgId: string, userId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(member)
    .where(and(eq(member.organizationId, orgId), eq(member.role, 'admin'), ne(member.userId, userId)));
  if (row.n === 0) throw ServiceError.conflict('An organization needs at least one admin. Make someone else admin first.');
}

/** The member row of (organisation, user), locked for the rest of the transaction. */
export async function lockMember(tx: Tx, orgId: string, userId: string) {
  const [m] = await tx
    .select({ id: member.id, role: member.role, email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, orgId), eq(member.userId, userId)))
    .for('update');
  if (!m) throw ServiceError.notFound('Member');
  return m;
}

export async function updateMemberRole(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'members:manage');
  const { userId, ...rest } = parse(memberPathInput.loose(), body);
  const data = parse(updateMemberInput, rest);
  return ctx.db.transaction(async (tx) => {
    const m = await lockMember(tx, org.id, userId);
    if (m.role === 'admin' && data.role !== 'admin') await assertAnotherAdmin(tx, org.id, userId);
    await tx.update(member).set({ role: data.role }).where(eq(member.id, m.id));
    await audit(tx, ctx, org.id, { action: 'member.update-role', targetType: 'user', targetId: userId, targetLabel: m.email, data: { from: m.role, to: data.role } });
    return { userId, email: m.email, role: data.role };
  });
}
