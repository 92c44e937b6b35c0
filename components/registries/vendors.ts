import { bareHost, dockerConfigHost, isDockerHub, isEcrHost as isEcrHostName } from '@/lib/registries/registry-host';

/** Registries the form has guidance for, recognised from the host a person types. */
export type VendorId = 'dockerhub' | 'ghcr' | 'gar' | 'acr' | 'ecr';

export const vendorNames: Record<VendorId, string> = {
  dockerhub: 'Docker Hub',
  ghcr: 'GitHub Container Registry',
  gar: 'Google Artifact Registry',
  acr: 'Azure Container Registry',
  ecr: 'Amazon ECR',
};

export { bareHost };

export function detectVendor(typed: string): VendorId | null {
  const host = bareHost(typed);
  if (!host) return null;
  // hub.docker.com is the website, not a registry, but people type it meaning Docker Hub.
  if (isDockerHub(host) || host === 'hub.docker.com') return 'dockerhub';
  if (host === 'ghcr.io') return 'ghcr';
  if (/^[a-z0-9-]+-docker\.pkg\.dev$/.test(host) || /^([a-z]+\.)?gcr\.io$/.test(host)) return 'gar';
  if (/^[a-z0-9-]+\.azurecr\.(io|cn|us)$/.test(host)) return 'acr';
  if (isEcrHostName(host)) return 'ecr';
  return null;
}

export function isEcrHost(typed: string): boolean {
  return isEcrHostName(bareHost(typed));
}

/**
 * What a pasted Docker config says, for live hints and vendor guidance. The server
 * parses it again and has the last word.
 */
export function inspectDockerConfig(text: string): { host?: string; problem?: string } {
  if (!text.trim()) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { problem: 'This is not valid JSON yet.' };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { problem: 'Expected a JSON object with an “auths” entry.' };
  const o = doc as Record<string, unknown>;
  if (o.credsStore || o.credHelpers) return { problem: 'This config uses a credential helper; the credentials must be inline.' };
  const auths = o.auths;
  if (!auths || typeof auths !== 'object' || Array.isArray(auths)) return { problem: 'There is no “auths” entry.' };
  const keys = Object.keys(auths);
  if (keys.length !== 1) return { problem: keys.length ? `“auths” names ${keys.length} registries; exactly one is allowed.` : '“auths” is empty.' };
  return { host: dockerConfigHost(keys[0]) };
}
