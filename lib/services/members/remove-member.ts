import { and, eq } from 'drizzle-orm';
import { apiKey, member } from '@/db/schema';
import { revokeCredentials } from '@/lib/auth/bearer-credential';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';
import { memberPathInput } from './schemas';
import { assertAnotherAdmin, lockMember } from './update-member-role';

/**
 * Removes a member; the API keys they created in this organisation are revoked with them, so
 * a removed person keeps no way in (a demoted one is held to the new role when a key is used).
 */
export async function removeMember(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'members:manage');
  const { userId } = parse(memberPathInput, body);
  return ctx.db.transaction(async (tx) => {
    const m = await lockMember(tx, org.id, userId);
    if (m.role === 'admin') await assertAnotherAdmin(tx, org.id, userId);
    await tx.delete(member).where(eq(member.id, m.id));
    const revoked = await revokeCredentials(tx, 'api-key', and(eq(apiKey.organizationId, org.id), eq(apiKey.createdBy, userId)));
    await audit(tx, ctx, org.id, { action: 'member.remove', targetType: 'user', targetId: userId, targetLabel: m.email, data: revoked.length ? { revokedApiKeys: revoked.map((k) => k.name) } : undefined });
    return { userId };
  });
}
