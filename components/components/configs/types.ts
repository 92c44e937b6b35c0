import type { Json } from '@/components/deploy/types';
import type { listConfigs } from '@/lib/services/configs/list-configs';

export type ConfigEntry = Json<Awaited<ReturnType<typeof listConfigs>>[number]>;

/** Which component the config controls act on, and the environments to scope entries to. */
export interface ConfigTarget {
  org: string;
  project: string;
  component: string;
  environments: { name: string; displayName: string }[];
  /** Names of the environments where a release is active (a change can apply there now). */
  running: string[];
}

export function scopeLabel(target: ConfigTarget, environment: string | null): string {
  if (!environment) return 'All environments';
  return target.environments.find((e) => e.name === environment)?.displayName ?? environment;
}

/** "Applied: redeploying Development…" when the change restarted something, and where it waits for the next deployment. */
export function appliedMessage(target: ConfigTarget, what: string, redeployed: string[], pending: string[] = []): string {
  const order = (name: string) => target.environments.findIndex((e) => e.name === name);
  const names = (list: string[]) => [...list].sort((a, b) => order(a) - order(b)).map((e) => scopeLabel(target, e)).join(', ');
  const waits = pending.length ? ` ${names(pending)}: applies on next deploy.` : '';
  if (!redeployed.length) return pending.length ? `${what}, saved: applies on next deploy.` : `${what}. It applies from the next deployment.`;
  return `${what}. Applied: redeploying ${names(redeployed)}…${waits}`;
}
