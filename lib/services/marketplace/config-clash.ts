import { and, eq, isNull, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { connection, project } from '@/db/schema';
import { ServiceError } from '@/lib/errors';

/**
 * Serialises the writes that hand out environment variable names in one project (connections
 * and config keys), so two at once cannot both pass the clash check. Call first in the
 * transaction that checks and writes.
 */
export async function lockProjectVariables(tx: Tx, projectId: string) {
  await tx.select({ id: project.id }).from(project).where(eq(project.id, projectId)).for('update');
}

/**
 * The other half of the clash check (a connection refuses names config already uses, see
 * taken-env-names.ts): a config variable a connection of the component or of its project
 * already sets is refused with a 409 naming that connection. File mounts cannot clash: a
 * connection only gives variables.
 */
export async function refuseConnectionVariable(tx: Tx, comp: { id: string; projectId: string }, variable: string) {
  await lockProjectVariables(tx, comp.projectId);
  const rows = await tx
    .select({ name: connection.name, componentId: connection.componentId, env: connection.env })
    .from(connection)
    .where(and(eq(connection.projectId, comp.projectId), or(isNull(connection.componentId), eq(connection.componentId, comp.id))));
  const by = rows.find((c) => Object.values(c.env).includes(variable));
  if (!by) return;
  const key = Object.entries(by.env).find(([, v]) => v === variable)![0];
  const which = by.componentId ? `connection "${by.name}"` : `the project's connection "${by.name}"`;
  throw ServiceError.conflict(`${variable} is already set by ${which} (its key ${key}): pick another name, or change or remove that connection's variable.`, {
    fields: { key: `${variable} is set by ${which} (key ${key}): pick another name, or change that connection's variable.` },
  });
}
