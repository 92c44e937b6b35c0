import { registryWarnings } from '@/lib/registries/host';
import { z } from 'zod';
import type { ServiceContext } from '../context';
import { authorizeOrg, idPath } from '../paths';
import { parse } from '../validation';
import { findRegistry } from './find-registry';
import { registryUsage } from './registry-usage';

export async function getRegistry(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'registries:manage');
  const { id } = parse(z.strictObject(idPath), body);
  const row = await findRegistry(ctx.db, org.id, id);
  const usage = await registryUsage(ctx.db, [row.id]);
  return { ...row, usedBy: usage.get(row.id) ?? [], warnings: registryWarnings(row.host, row.authType) };
}
