import { eq } from 'drizzle-orm';
import { organization } from '@/db/schema';
import type { ServiceContext } from '../context';
import { authorizeOrg, noFields } from '../paths';
import { parse } from '../validation';
import type { OrgView } from './schemas';

export async function getOrg(ctx: ServiceContext, input: unknown): Promise<OrgView> {
  const { org, role, body } = await authorizeOrg(ctx, input, 'org:read');
  parse(noFields, body);
  const [row] = await ctx.db.select().from(organization).where(eq(organization.id, org.id));
  return { id: row.id, slug: row.slug, name: row.name, createdAt: row.createdAt, role };
}
