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
    const { members } = await listMembers(fx.users.viewer, { org: 'acme' });
    expect(members.map((m) => m.role).sort()).toEqual(['admin', 'developer', 'platform-engineer', 'viewer']);
  });

  it('invites a new person with a one-time link that creates their account', async () => {
    const email = uniqueEmail('new');
    const inv = await inviteMember(fx.users.admin, { org: 'acme', email, role: 'developer' });
    expect(inv.token).toMatch(/^gin_/);
    expect((await listMembers(fx.users.admin, { org: 'acme' })).invitations.map((i) => i.email)).toContain(email);
    await expect(acceptInvitation(anon(), { token: inv.token })).rejects.toMatchObject({ code: 'invalid' });
    const joined = await acceptInvitation(anon(), { token: inv.token, account: { name: 'New', password: testPassword } });
    expect(joined).toMatchObject({ orgSlug: 'acme', email, role: 'developer' });
    await expect(acceptInvitation(anon(), { token: inv.token, account: { name: 'Again', password: testPassword } })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('invites an existing account like anyone else: nothing is added until they accept, and the answer does not tell', async () => {
    const invitee = await createUser(system(d.db), { name: 'I', email: uniqueEmail('inv'), password: testPassword });
    const stranger = uniqueEmail('nobody');
    const forAccount = await inviteMember(fx.users.admin, { org: 'acme', email: invitee.user.email, role: 'platform-engineer' });
    const forNobody = await inviteMember(fx.users.admin, { org: 'acme', email: stranger, role: 'platform-engineer' });
    // Same shape, same kind: the inviter cannot tell an account from none.
    const shape = (r: object) => Object.keys(r).sort();
    expect(shape(forAccount)).toEqual(shape(forNobody));
    expect(forAccount.kind).toBe(forNobody.kind);
    // Not a member without consent.
    const before = await listMembers(fx.users.admin, { org: 'acme' });
    expect(before.members.map((m) => m.email)).not.toContain(invitee.user.email);
    expect(before.invitations.map((i) => i.email)).toEqual(expect.arrayContaining([invitee.user.email, stranger]));
    await expect(listMembers(userCtx(d.db, invitee.user), { org: 'acme' })).rejects.toMatchObject({ code: 'not_found' });
    // Without signing in, the link does not create a second account for that address.
    await expect(acceptInvitation(anon(), { token: forAccount.token, account: { name: 'Impostor', password: testPassword } })).rejects.toMatchObject({ code: 'unauthenticated' });
    // Signed in, they accept and join with the invited role.
    expect(await acceptInvitation(userCtx(d.db, invitee.user), { token: forAccount.token })).toMatchObject({ orgSlug: 'acme', role: 'platform-engineer' });
    expect((await listMembers(fx.users.admin, { org: 'acme' })).members.map((m) => m.email)).toContain(invitee.user.email);
    await expect(inviteMember(fx.users.admin, { org: 'acme', email: invitee.user.email, role: 'viewer' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses another signed-in user the invitation', async () => {
    const other = await createUser(system(d.db), { name: 'O', email: uniqueEmail('oth'), password: testPassword });
    const inv = await inviteMember(fx.users.admin, { org: 'acme', email: uniqueEmail('later'), role: 'viewer' });
    await expect(acceptInvitation(userCtx(d.db, other.user), { token: inv.token })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lets only admins manage members', async () => {
    for (const role of ['platform-engineer', 'developer', 'viewer'] as const) {
      await expect(inviteMember(fx.users[role], { org: 'acme', email: uniqueEmail(), role: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('changes roles and removes members, but never the last admin', async () => {
    const adminId = (fx.users.admin.actor as { userId: string }).userId;
    const devId = (fx.users.developer.actor as { userId: string }).userId;
    await expect(updateMemberRole(fx.users.admin, { org: 'acme', userId: adminId, role: 'viewer' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(removeMember(fx.users.admin, { org: 'acme', userId: adminId })).rejects.toMatchObject({ code: 'conflict' });
    await expect(updateMemberRole(fx.users.admin, { org: 'acme', userId: devId, role: 'owner' })).rejects.toMatchObject({ code: 'invalid' });
    expect((await updateMemberRole(fx.users.admin, { org: 'acme', userId: devId, role: 'viewer' })).role).toBe('viewer');
    await removeMember(fx.users.admin, { org: 'acme', userId: devId });
    await expect(listMembers(fx.users.developer, { org: 'acme' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeMember(fx.users.admin, { org: 'acme', userId: devId })).rejects.toMatchObject({ code: 'not_found' });
  });
});
