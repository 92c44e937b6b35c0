import { asc, eq } from 'drizzle-orm';
import { containerRegistry } from '@/db/schema';
import { registryWarnings } from '@/lib/registries/host';
import type { ServiceContext } from '../context';
import { authorizeOrg, noFields } from '../paths';
import { can } from '../roles';
import { parse } from '../validation';
import { publicColumns } from './find-registry';
import { registryUsage } from './registry-usage';

/** Everyone in the organisation sees names and hosts to pick from; managers also see usernames and test results. */
export async function listRegistries(ctx: ServiceContext, input: unknown) {
  const { org, role, body } = await authorizeOrg(ctx, input, 'org:read');
  parse(noFields, body);
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
