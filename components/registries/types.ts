import type { listRegistries } from '@/lib/services/registries/list-registries';

/** One registry as the list verb returns it (never with a secret). */
export type Registry = Awaited<ReturnType<typeof listRegistries>>[number];

export type AuthType = 'anonymous' | 'basic' | 'docker-config' | 'vendor';

export const authTypes: { value: AuthType; label: string; short: string; description: string }[] = [
  {
    value: 'anonymous',
    label: 'Public (anonymous)',
    short: 'Public',
    description: 'The registry allows anonymous pulls, e.g. public Docker Hub images. Only the host is needed.',
  },
  {
    value: 'basic',
    label: 'Basic authentication',
    short: 'Basic',
    description: 'A username and a password or access token.',
  },
  {
    value: 'docker-config',
    label: 'Docker config',
    short: 'Docker config',
    description: 'A Docker config JSON with the credentials of exactly one registry under “auths”.',
  },
  {
    value: 'vendor',
    label: 'Vendor-specific',
    short: 'Vendor-specific',
    description: 'The data plane’s cloud identity pulls (EKS, GKE, AKS). Only the host is needed.',
  },
];

export function authTypeLabel(value: string): string {
  return authTypes.find((a) => a.value === value)?.short ?? value;
}

/** A connection check as the test verbs answer it. */
export interface CheckResult {
  ok: boolean;
  status: 'ok' | 'failed' | 'unverifiable';
  message: string;
  checkedAt: Date | string;
}
