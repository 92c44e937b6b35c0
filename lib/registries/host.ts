import { z } from 'zod';
import { isDockerHub, isEcrHost, normalizeDomain } from './registry-host';

const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const hostPattern = new RegExp(`^(?:${label}(?:\\.${label})*|\\[[0-9a-f:]+\\])(?::\\d{1,5})?$`);

/** Why a registry host is not acceptable, in words a person can act on; null when it is fine. */
export function hostProblem(raw: string): string | null {
  const host = raw.trim();
  if (!host) return 'Registry host is required.';
  if (host.length > 253) return 'Registry host must be at most 253 characters.';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return 'Enter the host only, without https:// (for example ghcr.io or registry.example.com:5000).';
  if (/\s/.test(host)) return 'Registry host must not contain spaces.';
  if (host.includes('/')) return 'Enter the host only, without a path: the repository goes in the image URL.';
  if (/[^\x00-\x7f]/.test(host)) return 'Registry host must be ASCII; write internationalised names in their xn-- (punycode) form.';
  if (!hostPattern.test(host.toLowerCase())) return 'Registry host must be a host name or IP address, optionally with :port.';
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port && (Number(port) < 1 || Number(port) > 65535)) return 'The port must be between 1 and 65535.';
  return null;
}

/** Lower-cased, with Docker Hub's aliases folded into docker.io. */
export function normalizeHost(raw: string): string {
  return normalizeDomain(raw.trim().toLowerCase());
}

export const hostSchema = z
  .string({ message: 'Registry host is required.' })
  .superRefine((v, ctx) => {
    const problem = hostProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normalizeHost);

/** Advice shown with a saved registry, e.g. ECR passwords expire after 12 hours. */
export function registryWarnings(host: string, authType: string): string[] {
  const warnings: string[] = [];
  if (isEcrHost(host) && authType !== 'vendor') {
    warnings.push('AWS ECR passwords (from `aws ecr get-login-password`) expire after 12 hours. On EKS, choose Vendor-specific so nodes pull with their IAM role.');
  }
  if (isDockerHub(host) && authType === 'basic') {
    warnings.push('Docker Hub: use a personal access token as the password, not your account password.');
  }
  return warnings;
}
