import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { connection } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ConnectionScope } from './locate';

/** The connection of that name in exactly this scope (a project's own, or a component's own). */
export async function findConnection(db: Tx, scope: ConnectionScope, name: string) {
  const [row] = await db
    .select()
    .from(connection)
    .where(and(eq(connection.projectId, scope.project.id), scope.component ? eq(connection.componentId, scope.component.id) : isNull(connection.componentId), eq(connection.name, name)));
  if (!row) throw ServiceError.notFound(`Connection "${name}" of ${scope.label}`);
  return row;
}
