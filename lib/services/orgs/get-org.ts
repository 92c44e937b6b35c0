import { eq } from 'drizzle-orm';
import { organization } from '@/db/schema';
import { authorize, type ServiceContext } from '../context';
import type { OrgView } from './schemas';

export async function getOrg(ctx: ServiceContext, slug: string): Promise<OrgView> {
  const { org, role } = await authorize(ctx, slug, 'org:read');
  const [row] = await ctx.db.select().from(organization).where(eq(organization.id, org.id));
  return { id: row.id, slug: row.slug, name: row.name, createdAt: row.createdAt, role };
}
