import { and, eq } from 'drizzle-orm';
import { member, user } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, authorize, type ServiceContext } from '../context';
import { assertAnotherAdmin } from './update-member-role';

export async function removeMember(ctx: ServiceContext, orgSlug: string, userId: string) {
  const { org } = await authorize(ctx, orgSlug, 'members:manage');
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx
      .select({ id: member.id, role: member.role, email: user.email })
      .from(member)
      .innerJoin(user, eq(user.id, member.userId))
      .where(and(eq(member.organizationId, org.id), eq(member.userId, userId)))
      .for('update');
    if (!m) throw ServiceError.notFound('Member');
    if (m.role === 'admin') await assertAnotherAdmin(tx, org.id, userId);
    await tx.delete(member).where(eq(member.id, m.id));
    await audit(tx, ctx, org.id, { action: 'member.remove', targetType: 'user', targetId: userId, targetLabel: m.email });
    return { userId };
  });
}
