import { z } from 'zod';

export const roles = ['admin', 'platform-engineer', 'developer', 'viewer'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles, { message: `Role must be one of: ${roles.join(', ')}.` });

export const roleLabels: Record<Role, string> = {
  admin: 'Admin',
  'platform-engineer': 'Platform engineer',
  developer: 'Developer',
  viewer: 'Viewer',
};

export type Permission =
  | 'org:read'
  | 'org:manage'
  | 'members:manage'
  | 'api-keys:manage'
  | 'audit:read'
  | 'registries:manage'
  | 'environments:manage'
  | 'data-planes:manage'
  | 'pipelines:manage'
  | 'pipelines:run'
  /** Register, re-publish and delete marketplace entries (pipelines publish through it too). */
  | 'marketplace:manage'
  /** Approve or reject a promotion waiting for approval (the organisation's promotion policy). */
  | 'promotions:approve'
  | 'projects:manage'
  | 'components:manage'
  | 'deployments:manage'
  | 'endpoints:manage'
  | 'ci-tokens:manage';

const platform: Permission[] = ['registries:manage', 'environments:manage', 'data-planes:manage', 'pipelines:manage', 'pipelines:run', 'marketplace:manage', 'promotions:approve'];
const delivery: Permission[] = ['projects:manage', 'components:manage', 'deployments:manage', 'endpoints:manage', 'ci-tokens:manage'];

/** What each organisation role may do; the admin may do everything. */
export const grants: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>(['org:read', 'org:manage', 'members:manage', 'api-keys:manage', 'audit:read', ...platform, ...delivery]),
  'platform-engineer': new Set<Permission>(['org:read', 'audit:read', ...platform]),
  developer: new Set<Permission>(['org:read', ...delivery]),
  viewer: new Set<Permission>(['org:read']),
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role]?.has(permission) ?? false;
}

/** True when `holder` may do everything `other` may do. */
export function covers(holder: Role, other: Role): boolean {
  return [...grants[other]].every((p) => grants[holder].has(p));
}

/**
 * The role whose permissions are both `a`'s and `b`'s — how a credential acting for someone
 * is held to that person's current role (platform engineer ∧ developer = viewer).
 */
export function cappedRole(a: Role, b: Role): Role {
  if (covers(b, a)) return a;
  if (covers(a, b)) return b;
  return 'viewer';
}
