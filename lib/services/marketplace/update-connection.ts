import { eq } from 'drizzle-orm';
import { connection, marketplaceEntry } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { ENDPOINT_ENTRY_VERSION, endpointEntryName } from '@/lib/marketplace/endpoint-entries';
import { audit, type ServiceContext } from '../context';
import { parse } from '../validation';
import { envMapping } from './env-mapping';
import { findConnection } from './find-connection';
import { resolveEntry } from './find-entry';
import { locateScope } from './locate';
import { updateConnectionInput } from './schemas';
import { takenEnvNames } from './taken-env-names';
import { component, project } from '@/db/schema';

/** Moves a connection to another version of its entry and/or changes its variable names. */
export async function updateConnection(ctx: ServiceContext, input: unknown) {
  const scope = await locateScope(ctx, input, true);
  const data = parse(updateConnectionInput, input);
  return ctx.db.transaction(async (tx) => {
    const row = await findConnection(tx, scope, data.name);
    const current = await currentEntryName(tx, row);
    const entry = await resolveEntry(tx, scope.org.id, current.name, data.version ?? current.version);
    const env = envMapping(row.name, entry.keys, { ...Object.fromEntries(Object.entries(row.env).filter(([k]) => entry.keys.includes(k))), ...data.env }, await takenEnvNames(tx, scope, row.id));
    await tx
      .update(connection)
      .set({ entryId: entry.kind === 'stored' ? entry.entry.id : null, env, updatedAt: new Date() })
      .where(eq(connection.id, row.id));
    await audit(tx, ctx, scope.org.id, { action: 'connection.update', targetType: scope.component ? 'component' : 'project', targetId: scope.component?.id ?? scope.project.id, targetLabel: scope.label, data: { connection: row.name, entry: entry.name, version: entry.version, env } });
    return { name: row.name, scope: scope.component ? ('component' as const) : ('project' as const), entry: entry.name, version: entry.version, env };
  });
}

async function currentEntryName(tx: Parameters<typeof findConnection>[0], row: typeof connection.$inferSelect) {
  if (row.entryId) {
    const [e] = await tx.select({ name: marketplaceEntry.name, version: marketplaceEntry.version }).from(marketplaceEntry).where(eq(marketplaceEntry.id, row.entryId));
    return e;
  }
  const [c] = await tx.select({ name: component.name, project: project.name }).from(component).innerJoin(project, eq(project.id, component.projectId)).where(eq(component.id, row.endpointComponentId!));
  if (!c) throw ServiceError.conflict('The component whose endpoint this connection used is gone.');
  return { name: endpointEntryName(c.project, c.name, row.endpointName!), version: ENDPOINT_ENTRY_VERSION };
}
