import { can, roles, roleLabels, type Permission, type Role } from '@/lib/services/roles';

export interface SettingsTab {
  slug: string;
  label: string;
  /** Who may open the tab; the verbs behind it check their own permissions again. */
  permission: Permission;
}

/** Organization settings in the order the tab bar shows them. */
export const settingsTabs = [
  { slug: 'members', label: 'Members', permission: 'members:manage' },
  { slug: 'api-keys', label: 'API Keys', permission: 'api-keys:manage' },
  { slug: 'credentials', label: 'Credentials', permission: 'org:read' },
  { slug: 'environments', label: 'Environments', permission: 'org:read' },
  { slug: 'data-planes', label: 'Data Planes', permission: 'org:read' },
  { slug: 'promotions', label: 'Promotions', permission: 'org:read' },
  { slug: 'audit-log', label: 'Audit Log', permission: 'audit:read' },
] as const satisfies readonly SettingsTab[];

export type SettingsTabSlug = (typeof settingsTabs)[number]['slug'];

export function settingsTab(slug: SettingsTabSlug): SettingsTab {
  return settingsTabs.find((t) => t.slug === slug)!;
}

export function visibleSettingsTabs(role: Role): SettingsTab[] {
  return settingsTabs.filter((t) => can(role, t.permission));
}

/** "the Admin role" or "the Admin and Platform engineer roles": who holds a permission, for access messages. */
export function rolesWith(permission: Permission): string {
  const names = roles.filter((r) => can(r, permission)).map((r) => roleLabels[r]);
  if (names.length === 1) return `the ${names[0]} role`;
  return `the ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} roles`;
}
