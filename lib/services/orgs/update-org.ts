import { eq } from 'drizzle-orm';
import { organization } from '@/db/schema';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';
import { updateOrgInput } from './schemas';

export async function updateOrg(ctx: ServiceContext, input: unknown) {
  const { org, role, body } = await authorizeOrg(ctx, input, 'org:manage');
  const data = parse(updateOrgInput, body);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(organization).set({ name: data.name }).where(eq(organization.id, org.id)).returning();
    await audit(tx, ctx, org.id, { action: 'organization.update', targetType: 'organization', targetId: org.id, targetLabel: org.slug, data: { name: data.name } });
    return { id: row.id, slug: row.slug, name: row.name, createdAt: row.createdAt, role };
  });
}
