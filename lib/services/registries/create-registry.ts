import { randomUUID } from 'node:crypto';
import { containerRegistry } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { registryWarnings } from '@/lib/registries/host';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { isUniqueViolation, parse } from '../validation';
import { publicColumns } from './find-registry';
import { registryInput } from './schemas';
import { registryColumns } from './secret';

export async function createRegistry(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'registries:manage');
  const data = parse(registryInput, body);
  const id = randomUUID();
  const columns = registryColumns(id, data);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(containerRegistry)
        .values({ id, organizationId: org.id, displayName: data.displayName, authType: data.authType, insecure: 'insecure' in data ? !!data.insecure : false, ...columns })
        .returning(publicColumns);
      await audit(tx, ctx, org.id, { action: 'registry.create', targetType: 'registry', targetId: id, targetLabel: row.displayName, data: { host: row.host, authType: row.authType, username: row.username } });
      return { ...row, usedBy: [] as string[], warnings: registryWarnings(row.host, row.authType) };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw ServiceError.conflict(`A registry named "${data.displayName}" already exists.`, { fields: { displayName: 'This name is taken.' } });
    throw e;
  }
}
