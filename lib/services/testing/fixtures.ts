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

/** An organisation with an admin, plus one member of each other role. */
export async function orgWithMembers(db: Db, slug: string) {
  const admin = await createUser(system(db), { name: 'Admin', email: uniqueEmail('admin'), password: testPassword, organization: { slug, name: `Org ${slug}` } });
  const adminCtx = userCtx(db, admin.user);
  const users: Record<Role, ServiceContext> = { admin: adminCtx } as Record<Role, ServiceContext>;
  for (const role of ['platform-engineer', 'developer', 'viewer'] as const) {
    const u = await createUser(system(db), { name: role, email: uniqueEmail(role), password: testPassword });
    const { token } = await inviteMember(adminCtx, slug, { email: u.user.email, role });
    users[role] = userCtx(db, u.user);
    await acceptInvitation(users[role], { token });
  }
  return { org: admin.org!, users };
}
