import { and, eq, sql } from 'drizzle-orm';
import { deployment } from '@/db/schema';
import { inFlightStatuses } from '@/db/schema/deployment-status';

/**
 * Which deployment is which, written once (issue 8): the status sets, "the active deployment
 * of a component (in an environment)", "something beside it is in flight", and which
 * deployment stands for an environment on the console.
 */
export { inFlightStatuses, isTerminal, terminalStatuses } from '@/db/schema/deployment-status';

/** The active deployment of a component, in one environment or (none given) in each. */
export function activeDeploymentOf(componentId: string, environmentId?: string | null) {
  return and(eq(deployment.componentId, componentId), eq(deployment.status, 'active'), environmentId ? eq(deployment.environmentId, environmentId) : undefined);
}

// Literal SQL (constants, not input): the same text the partial indexes were planned for.
const inFlightList = sql.raw(inFlightStatuses.map((s) => `'${s}'`).join(', '));

/** Nothing else of the row's (component, environment) is in flight: a worker holds none of them. */
export const nothingInFlightBeside = sql`not exists (select 1 from ${deployment} x where x.component_id = ${deployment.componentId} and x.environment_id = ${deployment.environmentId} and x.status in (${inFlightList}))`;

/**
 * The deployment that stands for an environment on the console: the latest, unless a newer
 * request superseded it before it ran; then the active one (null: never deployed).
 */
export function standingDeployment<T extends { status: string }>(env: { latest: T | null; active: T | null }): T | null {
  return env.latest && env.latest.status !== 'superseded' ? env.latest : env.active;
}
