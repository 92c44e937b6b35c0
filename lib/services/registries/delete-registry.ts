import { and, eq } from 'drizzle-orm';
import { containerRegistry } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { z } from 'zod';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg, idPath } from '../paths';
import { parse } from '../validation';
import { findRegistry } from './find-registry';
import { registryUsage } from './registry-usage';

/** Deletes a registry no component pulls from; otherwise says which components do. */
export async function deleteRegistry(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'registries:manage');
  const { id } = parse(z.strictObject(idPath), body);
  return ctx.db.transaction(async (tx) => {
    const current = await findRegistry(tx, org.id, id);
    const used = (await registryUsage(tx, [id])).get(id) ?? [];
    if (used.length) {
      throw ServiceError.conflict(`"${current.displayName}" is used by ${used.length} component${used.length > 1 ? 's' : ''}: ${used.join(', ')}. Move them to another registry first.`, { components: used });
    }
    await tx.delete(containerRegistry).where(and(eq(containerRegistry.id, id), eq(containerRegistry.organizationId, org.id)));
    await audit(tx, ctx, org.id, { action: 'registry.delete', targetType: 'registry', targetId: id, targetLabel: current.displayName, data: { host: current.host } });
    return { id };
  });
}
