import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, componentConfig, connection } from '@/db/schema';
import { lockProjectVariables } from './config-clash';
import type { ConnectionScope } from './locate';

/**
 * Every environment variable name already given to the containers a new connection in this
 * scope would reach, and by what: config keys and the other connections' variables. A
 * component sees its own and its project's connections; a project reaches all its components.
 */
export async function takenEnvNames(tx: Tx, scope: ConnectionScope, exceptConnectionId?: string) {
  await lockProjectVariables(tx, scope.project.id);
  const componentIds = scope.component
    ? [scope.component.id]
    : (await tx.select({ id: component.id }).from(component).where(eq(component.projectId, scope.project.id))).map((c) => c.id);
  const taken = new Map<string, string>();
  if (componentIds.length) {
    const configs = await tx
      .select({ key: componentConfig.key, component: component.name })
      .from(componentConfig)
      .innerJoin(component, eq(component.id, componentConfig.componentId))
      .where(and(inArray(componentConfig.componentId, componentIds), eq(componentConfig.kind, 'env')));
    for (const c of configs) taken.set(c.key, `the configuration variable ${c.key} of ${c.component}`);
  }
  const connections = await tx
    .select({ id: connection.id, name: connection.name, env: connection.env })
    .from(connection)
    .where(
      and(
        eq(connection.projectId, scope.project.id),
        scope.component ? or(isNull(connection.componentId), eq(connection.componentId, scope.component.id)) : undefined,
        exceptConnectionId ? ne(connection.id, exceptConnectionId) : undefined,
      ),
    );
  for (const c of connections) for (const name of Object.values(c.env)) taken.set(name, `connection "${c.name}"`);
  return taken;
}
