import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { member, organization } from '@/db/schema';
import { config } from '@/lib/config';
import type { ServiceContext } from '../context';

/**
 * Who may create an organisation (GANTRY_ORG_CREATION):
 * - "admins" (default): the instance's admins, i.e. the admins of its first organisation
 *   (the one first-run setup or `npm run admin:create` made). While no organisation exists
 *   yet, a signed-in user may create the first one and so becomes an instance admin.
 * - "anyone": every signed-in user.
 * Each organisation runs containers on the shared engine: this is an operator's decision.
 */
export async function mayCreateOrg(db: Db | Tx, userId: string): Promise<boolean> {
  if (config().GANTRY_ORG_CREATION === 'anyone') return true;
  const [first] = await db.select({ id: organization.id }).from(organization).orderBy(asc(organization.createdAt), asc(organization.id)).limit(1);
  if (!first) return true;
  const [row] = await db
    .select({ role: member.role })
    .from(member)
    .where(and(eq(member.organizationId, first.id), eq(member.userId, userId)))
    .limit(1);
  return row?.role === 'admin';
}

export const orgCreationRefused = 'Creating organizations is reserved to the administrators of this Gantry instance. Ask one to create it, or to invite you to theirs.';

/** Whether the caller may create an organisation (for the console to offer it or not). */
export async function canCreateOrg(ctx: ServiceContext): Promise<boolean> {
  return ctx.actor.type === 'user' && mayCreateOrg(ctx.db, ctx.actor.userId);
}
