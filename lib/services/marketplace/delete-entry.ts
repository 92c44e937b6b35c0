import { and, eq, inArray } from 'drizzle-orm';
import { component, connection, marketplaceEntry, project } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { parseEndpointEntryName } from '@/lib/marketplace/endpoint-entries';
import { audit, type ServiceContext } from '../context';
import { parse } from '../validation';
import { authorizeOrg } from './locate';
import { entryRefInput } from './schemas';

/**
 * Removes one version of an entry, or (no version) every version. Refused with the list of
 * connections while any uses what would go (409), like a registry in use.
 */
export async function deleteMarketplaceEntry(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'marketplace:manage');
  const data = parse(entryRefInput, input);
  if (parseEndpointEntryName(data.entry)) throw ServiceError.conflict('An endpoint entry follows its component: change the endpoint\'s visibility to Project to take it out of the marketplace.');
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: marketplaceEntry.id, version: marketplaceEntry.version })
      .from(marketplaceEntry)
      .where(and(eq(marketplaceEntry.organizationId, org.id), eq(marketplaceEntry.name, data.entry), data.version ? eq(marketplaceEntry.version, data.version) : undefined))
      .for('update');
    if (!rows.length) throw ServiceError.notFound(`Marketplace entry "${data.entry}"${data.version ? ` version ${data.version}` : ''}`);
    const users = await tx
      .select({ connection: connection.name, project: project.name, component: component.name, entryId: connection.entryId })
      .from(connection)
      .innerJoin(project, eq(project.id, connection.projectId))
      .leftJoin(component, eq(component.id, connection.componentId))
      .where(inArray(connection.entryId, rows.map((r) => r.id)));
    if (users.length) {
      const list = users.map((u) => ({ project: u.project, component: u.component, connection: u.connection, version: rows.find((r) => r.id === u.entryId)!.version }));
      throw ServiceError.conflict(
        `"${data.entry}" is used by ${list.length} connection${list.length > 1 ? 's' : ''}: ${list.map((u) => `${u.component ? `${u.project}/${u.component}` : u.project} (${u.connection})`).join(', ')}. Delete those connections first.`,
        { connections: list },
      );
    }
    await tx.delete(marketplaceEntry).where(inArray(marketplaceEntry.id, rows.map((r) => r.id)));
    await audit(tx, ctx, org.id, { action: 'marketplace.delete', targetType: 'marketplace-entry', targetId: rows[0].id, targetLabel: data.entry, data: { versions: rows.map((r) => r.version) } });
    return { deleted: rows.map((r) => r.version) };
  });
}
