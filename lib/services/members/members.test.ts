import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase, testPassword, uniqueEmail } from '@/db/testing';
import { orgWithMembers, system, userCtx } from '../testing/fixtures';
import { createUser } from '../users/create-user';
import { acceptInvitation } from './accept-invitation';
import { inviteMember } from './invite-member';
import { listMembers } from './list-members';
import { removeMember } from './remove-member';
import { updateMemberRole } from './update-member-role';

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
beforeAll(async () => {
  d = await testDatabase();
  fx = await orgWithMembers(d.db, 'acme');
});
afterAll(() => d.close());
const anon = () => ({ db: d.db, actor: { type: 'anonymous' as const } });

describe('members', () => {
  it('lists the members with their roles', async () => {
    const { members } = await listMembers(fx.users.viewer, 'acme');
    expect(members.map((m) => m.role).sort()).toEqual(['admin', 'developer', 'platform-engineer', 'viewer']);
  });

  it('invites a new person with a one-time link that creates their account', async () => {
    const email = uniqueEmail('new');
    const inv = await inviteMember(fx.users.admin, 'acme', { email, role: 'developer' });
    if (inv.kind !== 'invited') throw new Error('expected an invitation');
    expect(inv.token).toMatch(/^gin_/);
    expect((await listMembers(fx.users.admin, 'acme')).invitations.map((i) => i.email)).toContain(email);
    await expect(acceptInvitation(anon(), { token: inv.token })).rejects.toMatchObject({ code: 'invalid' });
    const joined = await acceptInvitation(anon(), { token: inv.token, account: { name: 'New', password: testPassword } });
    expect(joined).toMatchObject({ orgSlug: 'acme', email, role: 'developer' });
    await expect(acceptInvitation(anon(), { token: inv.token, account: { name: 'Again', password: testPassword } })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('asks an invitee with an account to sign in, and refuses another signed-in user', async () => {
    const invitee = await createUser(system(d.db), { name: 'I', email: uniqueEmail('inv'), password: testPassword });
    const other = await createUser(system(d.db), { name: 'O', email: uniqueEmail('oth'), password: testPassword });
    // An existing account is added at once; an invitation is made only for unknown emails.
    const added = await inviteMember(fx.users.admin, 'acme', { email: invitee.user.email, role: 'viewer' });
    expect(added.kind).toBe('added');
    await expect(inviteMember(fx.users.admin, 'acme', { email: invitee.user.email, role: 'viewer' })).rejects.toMatchObject({ code: 'conflict' });
    const email = uniqueEmail('later');
    const inv = await inviteMember(fx.users.admin, 'acme', { email, role: 'viewer' });
    if (inv.kind !== 'invited') throw new Error('expected an invitation');
    await expect(acceptInvitation(userCtx(d.db, other.user), { token: inv.token })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lets only admins manage members', async () => {
    for (const role of ['platform-engineer', 'developer', 'viewer'] as const) {
      await expect(inviteMember(fx.users[role], 'acme', { email: uniqueEmail(), role: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('changes roles and removes members, but never the last admin', async () => {
    const adminId = (fx.users.admin.actor as { userId: string }).userId;
    const devId = (fx.users.developer.actor as { userId: string }).userId;
    await expect(updateMemberRole(fx.users.admin, 'acme', adminId, { role: 'viewer' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(removeMember(fx.users.admin, 'acme', adminId)).rejects.toMatchObject({ code: 'conflict' });
    await expect(updateMemberRole(fx.users.admin, 'acme', devId, { role: 'owner' })).rejects.toMatchObject({ code: 'invalid' });
    expect((await updateMemberRole(fx.users.admin, 'acme', devId, { role: 'viewer' })).role).toBe('viewer');
    await removeMember(fx.users.admin, 'acme', devId);
    await expect(listMembers(fx.users.developer, 'acme')).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeMember(fx.users.admin, 'acme', devId)).rejects.toMatchObject({ code: 'not_found' });
  });
});
