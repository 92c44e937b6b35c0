import type { DeploymentStatus } from './types';

/** Statuses after which a deployment no longer changes. */
const finalStatuses: readonly DeploymentStatus[] = ['active', 'failed', 'superseded'];

export function isFinal(status: DeploymentStatus): boolean {
  return finalStatuses.includes(status);
}

export const statusLabels: Record<DeploymentStatus, string> = {
  queued: 'Queued',
  resolving: 'Resolving',
  pulling: 'Pulling',
  starting: 'Starting',
  'health-checking': 'Health checking',
  active: 'Active',
  failed: 'Failed',
  superseded: 'Superseded',
};
