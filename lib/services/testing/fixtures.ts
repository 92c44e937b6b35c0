import type { Db } from '@/db/client';
import { testPassword, uniqueEmail } from '@/db/testing';
import type { ServiceContext } from '../context';
import { acceptInvitation } from '../members/accept-invitation';
import { inviteMember } from '../members/invite-member';
import type { Role } from '../roles';
import { createUser } from '../users/create-user';

export const system = (db: Db): ServiceContext => ({ db, actor: { type: 'system', label: 'test' } });

export function userCtx(db: Db, u: { id: string; email: string }): ServiceContext {
  return { db, actor: { type: 'user', userId: u.id, email: u.email, via: 'console' } };
}

/** Invites an existing account to `slug` and accepts as that account (consent is part of joining). */
export async function addMember(db: Db, slug: string, u: { id: string; email: string }, role: Role): Promise<ServiceContext> {
  const { token } = await inviteMember(system(db), { org: slug, email: u.email, role });
  const ctx = userCtx(db, u);
  await acceptInvitation(ctx, { token });
  return ctx;
}

/** An organisation with an admin, plus one member of each other role. */
export async function orgWithMembers(db: Db, slug: string) {
  const admin = await createUser(system(db), { name: 'Admin', email: uniqueEmail('admin'), password: testPassword, organization: { slug, name: `Org ${slug}` } });
  const adminCtx = userCtx(db, admin.user);
  const users: Record<Role, ServiceContext> = { admin: adminCtx } as Record<Role, ServiceContext>;
  for (const role of ['platform-engineer', 'developer', 'viewer'] as const) {
    const u = await createUser(system(db), { name: role, email: uniqueEmail(role), password: testPassword });
    users[role] = await addMember(db, slug, u.user, role);
  }
  return { org: admin.org!, users };
}
