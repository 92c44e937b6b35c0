import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, dataPlane, project, deployment, environment, inFlightStatuses, liveExecutionStatuses, taskExecution } from '@/db/schema';
import { ServiceError } from '@/lib/errors';

/** The organisation's environments in promotion order, locked until the transaction ends: every change to the path takes this first. */
export async function lockEnvironments(tx: Tx, organizationId: string) {
  return tx.select().from(environment).where(eq(environment.organizationId, organizationId)).orderBy(asc(environment.position)).for('update');
}

/** One environment of the organisation by name (path id), or not_found. */
export function pickEnvironment<T extends { name: string }>(envs: T[], name: string): T {
  const env = envs.find((e) => e.name === name);
  if (!env) throw ServiceError.notFound(`Environment "${name}"`);
  return env;
}

/** One data plane of the organisation by name; `field` names the input that chose it (invalid) or null for a path id (not_found). */
export async function findDataPlane(db: Tx, organizationId: string, name: string, field: string | null = null) {
  const [row] = await db
    .select({ id: dataPlane.id, name: dataPlane.name, driver: dataPlane.driver })
    .from(dataPlane)
    .where(and(eq(dataPlane.organizationId, organizationId), eq(dataPlane.name, name)));
  if (row) return row;
  if (field) throw ServiceError.invalid(`There is no data plane "${name}".`, { [field]: 'Unknown data plane.' });
  throw ServiceError.notFound(`Data plane "${name}"`);
}

const runningStatuses = ['queued', ...inFlightStatuses, 'active'] as const;

/**
 * What runs (or is about to) in an environment: components with a queued, in-flight or active
 * deployment there, or a live task execution. Their containers / Kubernetes objects are named
 * after the environment and live on its data plane, so renaming it, moving it to another plane
 * or deleting it would leave them running where nothing manages them.
 */
export async function workloadsIn(db: Tx, environmentId: string): Promise<string[]> {
  const deployed = db
    .select({ id: deployment.componentId })
    .from(deployment)
    .where(and(eq(deployment.environmentId, environmentId), inArray(deployment.status, runningStatuses)));
  const running = db
    .select({ id: taskExecution.componentId })
    .from(taskExecution)
    .where(and(eq(taskExecution.environmentId, environmentId), inArray(taskExecution.status, liveExecutionStatuses)));
  const rows = await db
    .select({ project: project.name, component: component.name })
    .from(component)
    .innerJoin(project, eq(project.id, component.projectId))
    .where(or(inArray(component.id, deployed), inArray(component.id, running)))
    .orderBy(asc(project.name), asc(component.name));
  return rows.map((r) => `${r.project}/${r.component}`);
}

/** "api, web and 3 more": a short list for a refusal. */
export function someNames(names: string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  if (names.length <= max) return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : shown[0];
  return `${shown.join(', ')} and ${names.length - max} more`;
}
