import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { auditEvent } from '@/db/schema';
import { testDatabase, testPassword, uniqueEmail } from '@/db/testing';
import { orgWithMembers } from '../testing/fixtures';
import { acceptInvitation } from './accept-invitation';
import { resendInvitation, revokeInvitation } from './invitations';
import { inviteMember } from './invite-member';
import { listMembers } from './list-members';

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
let other: Awaited<ReturnType<typeof orgWithMembers>>;
beforeAll(async () => {
  d = await testDatabase();
  [fx, other] = [await orgWithMembers(d.db, 'acme'), await orgWithMembers(d.db, 'globex')];
});
afterAll(() => d.close());
const anon = () => ({ db: d.db, actor: { type: 'anonymous' as const } });
const account = { name: 'New', password: testPassword };
const pending = async () => (await listMembers(fx.users.admin, { org: 'acme' })).invitations.map((i) => i.email);

describe('pending invitations', () => {
  it('revoking one makes its link stop working and removes it from the list', async () => {
    const email = uniqueEmail('rev');
    const inv = await inviteMember(fx.users.admin, { org: 'acme', email, role: 'developer' });
    await expect(revokeInvitation(other.users.admin, { org: 'acme', id: inv.invitationId })).rejects.toMatchObject({ code: 'not_found' });
    await expect(revokeInvitation(fx.users.developer, { org: 'acme', id: inv.invitationId })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(revokeInvitation(fx.users.admin, { org: 'acme', id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await pending()).toContain(email);
    expect(await revokeInvitation(fx.users.admin, { org: 'acme', id: inv.invitationId })).toEqual({ id: inv.invitationId, email });
    expect(await pending()).not.toContain(email);
    await expect(acceptInvitation(anon(), { token: inv.token, account })).rejects.toMatchObject({ code: 'not_found' });
    await expect(revokeInvitation(fx.users.admin, { org: 'acme', id: inv.invitationId })).rejects.toMatchObject({ code: 'not_found' });
    const [row] = await d.db.select().from(auditEvent).where(eq(auditEvent.action, 'member.invitation.revoke'));
    expect(row).toMatchObject({ targetId: inv.invitationId, targetLabel: email });
  });

  it('resending gives a new link with the same role; the old link stops working', async () => {
    const email = uniqueEmail('res');
    const first = await inviteMember(fx.users.admin, { org: 'acme', email, role: 'platform-engineer' });
    await expect(resendInvitation(fx.users.viewer, { org: 'acme', id: first.invitationId })).rejects.toMatchObject({ code: 'forbidden' });
    const again = await resendInvitation(fx.users.admin, { org: 'acme', id: first.invitationId });
    expect(again).toMatchObject({ email, role: 'platform-engineer' });
    expect(again.token).not.toBe(first.token);
    expect((await pending()).filter((e) => e === email)).toHaveLength(1);
    await expect(acceptInvitation(anon(), { token: first.token, account })).rejects.toMatchObject({ code: 'not_found' });
    expect(await acceptInvitation(anon(), { token: again.token, account })).toMatchObject({ orgSlug: 'acme', email, role: 'platform-engineer' });
    await expect(resendInvitation(fx.users.admin, { org: 'acme', id: again.invitationId })).rejects.toMatchObject({ code: 'not_found' });
  });
});
