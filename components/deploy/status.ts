import { isTerminal } from '@/db/schema/deployment-status';
import type { DeploymentStatus } from './types';

/** Statuses after which a deployment no longer changes (the one set, db/schema/deployment-status). */
export const isFinal: (status: DeploymentStatus) => boolean = isTerminal;

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

const triggerLabels: Record<string, string> = {
  console: 'Console',
  api: 'REST API',
  ci: 'CI token',
  'registry-event': 'Registry event',
  promote: 'Promotion',
  config: 'Config change',
  rollback: 'Rollback',
  system: 'System',
};

/** Why a deployment started; older rows without a recorded trigger say who started it. */
export function triggerLabel(trigger: string | null, actorType: string): string {
  if (trigger) return triggerLabels[trigger] ?? trigger;
  return { user: 'Console', 'api-key': 'REST API', 'ci-token': 'CI token', system: 'System' }[actorType] ?? actorType;
}
