import { asc, eq } from 'drizzle-orm';
import { containerRegistry } from '@/db/schema';
import { registryWarnings } from '@/lib/registries/host';
import { authorize, type ServiceContext } from '../context';
import { can } from '../roles';
import { publicColumns } from './find-registry';
import { registryUsage } from './registry-usage';

/** Everyone in the organisation sees names and hosts to pick from; managers also see usernames and test results. */
export async function listRegistries(ctx: ServiceContext, orgSlug: string) {
  const { org, role } = await authorize(ctx, orgSlug, 'org:read');
  const rows = await ctx.db.select(publicColumns).from(containerRegistry).where(eq(containerRegistry.organizationId, org.id)).orderBy(asc(containerRegistry.displayName));
  const usage = await registryUsage(ctx.db, { organizationId: org.id });
  const manager = can(role, 'registries:manage');
  return rows.map((r) => ({
    ...r,
    username: manager ? r.username : null,
    usedBy: usage.get(r.id) ?? [],
    warnings: registryWarnings(r.host, r.authType),
  }));
}
