import { eq } from 'drizzle-orm';
import { member } from '@/db/schema';
import { audit, authorize, type ServiceContext } from '../context';
import { assertAnotherAdmin, lockMember } from './update-member-role';

export async function removeMember(ctx: ServiceContext, orgSlug: string, userId: string) {
  const { org } = await authorize(ctx, orgSlug, 'members:manage');
  return ctx.db.transaction(async (tx) => {
    const m = await lockMember(tx, org.id, userId);
    if (m.role === 'admin') await assertAnotherAdmin(tx, org.id, userId);
    await tx.delete(member).where(eq(member.id, m.id));
    await audit(tx, ctx, org.id, { action: 'member.remove', targetType: 'user', targetId: userId, targetLabel: m.email });
    return { userId };
  });
}
