import { asc, eq } from 'drizzle-orm';
import { member, organization } from '@/db/schema';
import type { ServiceContext } from '../context';
import type { OrgView } from './schemas';

/** The organisations the caller belongs to (an API key: its own organisation). */
export async function listOrgs(ctx: ServiceContext): Promise<OrgView[]> {
  const a = ctx.actor;
  const cols = { id: organization.id, slug: organization.slug, name: organization.name, createdAt: organization.createdAt };
  if (a.type === 'user') {
    return ctx.db
      .select({ ...cols, role: member.role })
      .from(member)
      .innerJoin(organization, eq(member.organizationId, organization.id))
      .where(eq(member.userId, a.userId))
      .orderBy(asc(organization.name));
  }
  if (a.type === 'api-key') {
    const rows = await ctx.db.select(cols).from(organization).where(eq(organization.id, a.organizationId));
    return rows.map((r) => ({ ...r, role: a.role }));
  }
  return [];
}
