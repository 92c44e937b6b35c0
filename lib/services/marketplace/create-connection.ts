import { connection } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { actorLabel, audit, type ServiceContext } from '../context';
import { isUniqueViolation, parse } from '../validation';
import { envMapping } from './env-mapping';
import { resolveEntry } from './find-entry';
import { locateScope } from './locate';
import { createConnectionInput } from './schemas';
import { takenEnvNames } from './taken-env-names';

/**
 * A component (or, without `component`, every component of a project) connects to one
 * version of a marketplace entry: `{ org, project, component?, name, entry, version, env? }`.
 * The values reach the containers at their next deployment ("redeploy to apply").
 */
export async function createConnection(ctx: ServiceContext, input: unknown) {
  const scope = await locateScope(ctx, input, true);
  const data = parse(createConnectionInput, input);
  const entry = await resolveEntry(ctx.db, scope.org.id, data.entry, data.version);
  try {
    return await ctx.db.transaction(async (tx) => {
      const env = envMapping(data.name, entry.keys, data.env, await takenEnvNames(tx, scope));
      const [row] = await tx
        .insert(connection)
        .values({
          organizationId: scope.org.id,
          projectId: scope.project.id,
          componentId: scope.component?.id ?? null,
          name: data.name,
          entryId: entry.kind === 'stored' ? entry.entry.id : null,
          endpointComponentId: entry.kind === 'endpoint' ? entry.entry.componentId : null,
          endpointName: entry.kind === 'endpoint' ? entry.entry.endpointName : null,
          env,
          createdByLabel: actorLabel(ctx.actor),
        })
        .returning({ id: connection.id, createdAt: connection.createdAt });
      await audit(tx, ctx, scope.org.id, {
        action: 'connection.create',
        targetType: scope.component ? 'component' : 'project',
        targetId: scope.component?.id ?? scope.project.id,
        targetLabel: scope.label,
        data: { connection: data.name, entry: entry.name, version: entry.version, env },
      });
      return { id: row.id, name: data.name, scope: scope.component ? ('component' as const) : ('project' as const), entry: entry.name, version: entry.version, env, createdAt: row.createdAt.toISOString() };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw ServiceError.conflict(`A connection named "${data.name}" exists on ${scope.label} already; pick another name.`, { fields: { name: 'Name taken.' } });
    throw e;
  }
}
