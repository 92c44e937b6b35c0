import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { invitation, member } from '@/db/schema';
import { testDatabase, testPassword, uniqueEmail } from '@/db/testing';
import { POST as addMember } from '@/app/api/v1/orgs/[org]/members/route';
import { DELETE as removeMember } from '@/app/api/v1/orgs/[org]/members/[userId]/route';
import { sessionCookie, useTestApp } from '@/lib/api/testing';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { createUser } from '@/lib/services/users/create-user';
import { consoleOrigins } from './csrf';

/**
 * Cross-site request forgery through the REST adapter, as a page on another port of this
 * host would try it with the admin's cookie: every forged request is refused and writes
 * nothing; the console's own requests and bearer requests keep working.
 */
let d: Database;
let orgId: string;
let cookie: string;
let victim: { id: string; email: string };
const own = () => consoleOrigins()[0];
const url = 'http://127.0.0.1:3000/api/v1/orgs/acme/members';
const params = { params: Promise.resolve({ org: 'acme' }) };

beforeAll(async () => {
  d = await testDatabase();
  useTestApp(d);
  const acme = await orgWithMembers(d.db, 'acme');
  orgId = acme.org.id;
  cookie = await sessionCookie(d, (acme.users.admin.actor as { email: string }).email);
  victim = (await createUser(system(d.db), { name: 'Attacker', email: uniqueEmail('attacker'), password: testPassword })).user;
}, 120_000);
afterAll(async () => {
  await d?.close();
});

const members = async () => (await d.db.select().from(member).where(eq(member.organizationId, orgId))).length;
const invitations = async () => (await d.db.select().from(invitation).where(eq(invitation.organizationId, orgId))).length;
const post = (headers: Record<string, string>, body: string) => addMember(new Request(url, { method: 'POST', headers: { cookie, ...headers }, body }), params);
const payload = () => JSON.stringify({ email: victim.email, role: 'admin' });

describe('cookie-authenticated writes (CSRF)', () => {
  it('refuses bodies that are not JSON, from any origin, and writes nothing', async () => {
    const before = [await members(), await invitations()];
    const forged = [
      await post({ 'content-type': 'text/plain', origin: own() }, payload()),
      await post({ 'content-type': 'text/plain;charset=UTF-8', origin: 'http://127.0.0.1:9999' }, payload()),
      await post({ 'content-type': 'application/x-www-form-urlencoded', origin: own() }, `email=${encodeURIComponent(victim.email)}&role=admin`),
      await post({ 'content-type': 'multipart/form-data; boundary=x', origin: own() }, `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${victim.email}\r\n--x--\r\n`),
      await post({ origin: own() }, payload()),
    ];
    expect(forged.map((r) => r.status)).toEqual([415, 415, 415, 415, 415]);
    expect((await forged[0].json()).error.code).toBe('unsupported_media_type');
    expect([await members(), await invitations()]).toEqual(before);
  });

  it('refuses JSON from a foreign Origin, from "null", and without an Origin', async () => {
    const before = [await members(), await invitations()];
    const json = { 'content-type': 'application/json' };
    const statuses = [
      (await post({ ...json, origin: 'http://127.0.0.1:9999' }, payload())).status,
      (await post({ ...json, origin: 'http://localhost:9999' }, payload())).status,
      (await post({ ...json, origin: 'http://evil.example' }, payload())).status,
      (await post({ ...json, origin: 'null' }, payload())).status,
      (await post(json, payload())).status,
      // A Host header naming the console does not excuse a foreign Origin.
      (await post({ ...json, origin: 'http://127.0.0.1:9999', host: '127.0.0.1:3000' }, payload())).status,
    ];
    expect(statuses).toEqual([403, 403, 403, 403, 403, 403]);
    expect([await members(), await invitations()]).toEqual(before);
  });

  it('refuses a bodiless unsafe method (DELETE) without the console Origin', async () => {
    const target = (await createUser(system(d.db), { name: 'Kept', email: uniqueEmail('kept'), password: testPassword })).user;
    await d.db.insert(member).values({ id: crypto.randomUUID(), organizationId: orgId, userId: target.id, role: 'viewer' });
    const del = (headers: Record<string, string>) =>
      removeMember(new Request(`${url}/${target.id}`, { method: 'DELETE', headers: { cookie, ...headers } }), { params: Promise.resolve({ org: 'acme', userId: target.id }) });
    expect((await del({})).status).toBe(403);
    expect((await del({ origin: 'http://127.0.0.1:9999' })).status).toBe(403);
    expect(await d.db.select().from(member).where(eq(member.userId, target.id))).toHaveLength(1);
    expect((await del({ origin: own() })).status).toBe(204);
    expect(await d.db.select().from(member).where(eq(member.userId, target.id))).toHaveLength(0);
  });

  it("accepts the console's own JSON request, also under the Host it was reached by", async () => {
    const other = (await createUser(system(d.db), { name: 'Friend', email: uniqueEmail('friend'), password: testPassword })).user;
    const res = await post({ 'content-type': 'application/json; charset=utf-8', origin: own() }, JSON.stringify({ email: other.email, role: 'viewer' }));
    expect(res.status).toBe(201);
    const lan = (await createUser(system(d.db), { name: 'Lan', email: uniqueEmail('lan'), password: testPassword })).user;
    const viaLan = await post({ 'content-type': 'application/json', origin: 'http://192.168.1.20:3000', host: '192.168.1.20:3000' }, JSON.stringify({ email: lan.email, role: 'viewer' }));
    expect(viaLan.status).toBe(201);
  });

  it('leaves bearer (API key) requests alone: no Origin, no content type needed', async () => {
    const { key } = await createApiKey(system(d.db), { org: 'acme', name: 'script', role: 'admin' });
    const other = (await createUser(system(d.db), { name: 'Scripted', email: uniqueEmail('scripted'), password: testPassword })).user;
    const res = await addMember(new Request(url, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ email: other.email, role: 'viewer' }) }), params);
    expect(res.status).toBe(201);
    // A cookie sent along with a bearer key changes nothing: the key is the credential.
    const third = (await createUser(system(d.db), { name: 'Third', email: uniqueEmail('third'), password: testPassword })).user;
    const both = await addMember(new Request(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, cookie, origin: 'http://127.0.0.1:9999' }, body: JSON.stringify({ email: third.email, role: 'viewer' }) }), params);
    expect(both.status).toBe(201);
  });

  it('keeps safe methods open to the cookie without an Origin (page loads, links)', async () => {
    const { GET } = await import('@/app/api/v1/orgs/[org]/members/route');
    expect((await GET(new Request(url, { headers: { cookie } }), params)).status).toBe(200);
  });

  it("keeps better-auth's own origin check on for /api/auth/* (a forged sign-out is refused)", async () => {
    const { handleAuthRequest } = await import('@/lib/auth/handler');
    const signOut = (headers: Record<string, string>) =>
      handleAuthRequest(new Request('http://127.0.0.1:3000/api/auth/sign-out', { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: '{}' }));
    const session = () => handleAuthRequest(new Request('http://127.0.0.1:3000/api/auth/get-session', { headers: { cookie } }));
    expect((await signOut({ origin: 'http://127.0.0.1:9999' })).status).toBe(403);
    expect((await signOut({ origin: 'http://evil.example' })).status).toBe(403);
    expect(await (await session()).json()).toMatchObject({ user: { id: expect.any(String) } });
  });
});
