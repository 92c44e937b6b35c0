import type { Json } from '@/components/deploy/types';
import type { listConfigs } from '@/lib/services/configs/list-configs';

export type ConfigEntry = Json<Awaited<ReturnType<typeof listConfigs>>[number]>;

/** Which component the config controls act on, and the environments to scope entries to. */
export interface ConfigTarget {
  org: string;
  project: string;
  component: string;
  environments: { name: string; displayName: string }[];
}

export function scopeLabel(target: ConfigTarget, environment: string | null): string {
  if (!environment) return 'All environments';
  return target.environments.find((e) => e.name === environment)?.displayName ?? environment;
}

/** "Applied: redeploying Development…" when the change restarted something, else when it will apply. */
export function appliedMessage(target: ConfigTarget, what: string, redeployed: string[]): string {
  if (!redeployed.length) return `${what}. It applies from the next deployment.`;
  const order = (name: string) => target.environments.findIndex((e) => e.name === name);
  const names = [...redeployed].sort((a, b) => order(a) - order(b)).map((e) => scopeLabel(target, e));
  return `${what}. Applied: redeploying ${names.join(', ')}…`;
}
