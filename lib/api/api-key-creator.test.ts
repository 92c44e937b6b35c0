import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase, testPassword, uniqueEmail } from '@/db/testing';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { removeMember } from '@/lib/services/members/remove-member';
import { updateMemberRole } from '@/lib/services/members/update-member-role';
import { addMember, orgWithMembers, system, userCtx } from '@/lib/services/testing/fixtures';
import { createUser } from '@/lib/services/users/create-user';
import { useTestApp } from './testing';
import * as apiKeys from '@/app/api/v1/orgs/[org]/api-keys/route';
import * as members from '@/app/api/v1/orgs/[org]/members/route';
import * as projects from '@/app/api/v1/orgs/[org]/projects/route';

/**
 * Issue 9 finding 7, as the attack was made: an admin creates an API key, loses their
 * membership (or their admin role), and tries to keep using the key to get back in.
 */

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
beforeAll(async () => {
  d = await testDatabase();
  useTestApp(d);
  fx = await orgWithMembers(d.db, 'acme');
});
afterAll(() => d.close());

const params = { params: Promise.resolve({ org: 'acme' }) };
const url = (p: string) => `http://127.0.0.1/api/v1/orgs/acme/${p}`;
const bearer = (key: string, body?: unknown) => ({ headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
const as = (key: string) => ({
  listMembers: () => members.GET(new Request(url('members'), bearer(key)), params),
  addMember: (email: string) => members.POST(new Request(url('members'), { method: 'POST', ...bearer(key, { email, role: 'admin' }) }), params),
  mintKey: (role: string) => apiKeys.POST(new Request(url('api-keys'), { method: 'POST', ...bearer(key, { name: 'minted', role }) }), params),
  createProject: (name: string) => projects.POST(new Request(url('projects'), { method: 'POST', ...bearer(key, { name, displayName: name }) }), params),
});

/** A second admin of acme, with an admin API key of their own. */
async function adminWithKey() {
  const u = await createUser(system(d.db), { name: 'Second admin', email: uniqueEmail('admin2'), password: testPassword });
  await addMember(d.db, 'acme', u.user, 'admin');
  const { key } = await createApiKey(userCtx(d.db, u.user), 'acme', { name: `k-${u.user.id.slice(0, 6)}`, role: 'admin' });
  return { user: u.user, key };
}

describe('an API key acts for the person who created it', () => {
  it('stops working when its creator is removed, including keys it minted itself', async () => {
    const { user, key } = await adminWithKey();
    expect((await as(key).listMembers()).status).toBe(200);
    const minted = await as(key).mintKey('admin');
    expect(minted.status).toBe(201);
    const { key: child } = (await minted.json()) as { key: string };

    await removeMember(fx.users.admin, { org: 'acme', userId: user.id });

    for (const k of [key, child]) {
      expect((await as(k).listMembers()).status).toBe(401);
      expect((await as(k).mintKey('admin')).status).toBe(401);
      expect((await as(k).addMember(user.email)).status).toBe(401);
    }
    // Re-adding the person (invited again, accepted) does not bring the revoked keys back.
    await addMember(d.db, 'acme', user, 'admin');
    expect((await as(key).listMembers()).status).toBe(401);
    expect((await as(child).listMembers()).status).toBe(401);
  });

  it('acts with no more than its creator’s current role: a demoted admin’s key is a developer key', async () => {
    const { user, key } = await adminWithKey();
    await updateMemberRole(fx.users.admin, { org: 'acme', userId: user.id, role: 'developer' });

    expect((await as(key).mintKey('admin')).status).toBe(403);
    expect((await as(key).mintKey('viewer')).status).toBe(403);
    expect((await as(key).addMember(uniqueEmail('x'))).status).toBe(403);
    expect((await as(key).createProject(`p-${user.id.slice(0, 6)}`)).status).toBe(201);
    expect((await as(key).listMembers()).status).toBe(200);

    // Platform engineer ∧ admin key = platform engineer: no projects, no keys.
    await updateMemberRole(fx.users.admin, { org: 'acme', userId: user.id, role: 'platform-engineer' });
    expect((await as(key).createProject(`q-${user.id.slice(0, 6)}`)).status).toBe(403);
    expect((await as(key).mintKey('viewer')).status).toBe(403);

    // The cap follows the role both ways: promoted back, the key is an admin key again.
    await updateMemberRole(fx.users.admin, { org: 'acme', userId: user.id, role: 'admin' });
    expect((await as(key).mintKey('viewer')).status).toBe(201);
  });

  it('caps a developer key of a person who became a platform engineer at what both roles allow', async () => {
    const u = await createUser(system(d.db), { name: 'Dev', email: uniqueEmail('dev'), password: testPassword });
    await addMember(d.db, 'acme', u.user, 'admin');
    const { key } = await createApiKey(userCtx(d.db, u.user), 'acme', { name: 'dev-key', role: 'developer' });
    expect((await as(key).createProject(`r-${u.user.id.slice(0, 6)}`)).status).toBe(201);
    await updateMemberRole(fx.users.admin, { org: 'acme', userId: u.user.id, role: 'platform-engineer' });
    expect((await as(key).createProject(`s-${u.user.id.slice(0, 6)}`)).status).toBe(403);
    expect((await as(key).listMembers()).status).toBe(200);
  });
});
