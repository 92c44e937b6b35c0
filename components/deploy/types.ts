import type { listReleases } from '@/lib/services/components/list-releases';
import type { componentEnvironments } from '@/lib/services/deployments/component-environments';
import type { getDeployment } from '@/lib/services/deployments/get-deployment';
import type { listDeployments } from '@/lib/services/deployments/list-deployments';

/** A value as it crosses JSON (the REST routes, or `plain()` on the server): dates become ISO strings. */
export type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export type EnvironmentCard = Json<Awaited<ReturnType<typeof componentEnvironments>>[number]>;
export type DeploymentSummary = NonNullable<EnvironmentCard['latest']>;
export type DeploymentRow = Json<Awaited<ReturnType<typeof listDeployments>>[number]>;
export type DeploymentDetail = Json<Awaited<ReturnType<typeof getDeployment>>>;
export type Release = Json<Awaited<ReturnType<typeof listReleases>>[number]>;
export type DeploymentStatus = DeploymentRow['status'];

/** Server side: the same shape the REST routes answer, so server data can seed client queries. */
export function plain<T>(value: T): Json<T> {
  return JSON.parse(JSON.stringify(value)) as Json<T>;
}
