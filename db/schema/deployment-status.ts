/**
 * The deployment status vocabulary, in one place and pure (no imports): the schema's enum,
 * the reconciler, the services and the console's client components all read it from here.
 */
export const deploymentStatuses = ['queued', 'resolving', 'pulling', 'starting', 'health-checking', 'active', 'failed', 'superseded'] as const;
export type DeploymentStatus = (typeof deploymentStatuses)[number];

/** A worker holds the deployment (claimed, under a lease) and is rolling it out. */
export const inFlightStatuses = ['resolving', 'pulling', 'starting', 'health-checking'] as const satisfies readonly DeploymentStatus[];

/** After these a deployment no longer changes. */
export const terminalStatuses = ['active', 'failed', 'superseded'] as const satisfies readonly DeploymentStatus[];

export function isTerminal(status: string): boolean {
  return (terminalStatuses as readonly string[]).includes(status);
}
