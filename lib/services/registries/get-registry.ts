import { registryWarnings } from '@/lib/registries/host';
import { authorize, type ServiceContext } from '../context';
import { findRegistry } from './find-registry';
import { registryUsage } from './registry-usage';

export async function getRegistry(ctx: ServiceContext, orgSlug: string, id: string) {
  const { org } = await authorize(ctx, orgSlug, 'registries:manage');
  const row = await findRegistry(ctx.db, org.id, id);
  const usage = await registryUsage(ctx.db, [row.id]);
  return { ...row, usedBy: usage.get(row.id) ?? [], warnings: registryWarnings(row.host, row.authType) };
}
