import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { auditEvent, session } from '@/db/schema';
import { testDatabase, testPassword } from '@/db/testing';
import { startRouteServer } from '@/lib/api/route-server';
import { useTestApp } from '@/lib/api/testing';
import { resetConfigForTests } from '@/lib/config';
import { consoleOrigins } from '@/lib/http/csrf';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { resetSignInGuardForTests, signInPolicy } from './sign-in-guard';

/**
 * Sign-in guessing over real HTTP (the route server stamps the TCP peer, 127.0.0.1, as the
 * console's own server does). X-Forwarded-For is believed only from a configured proxy;
 * failures back off per (account, address); the owner signs in from elsewhere meanwhile.
 */
let d: Database;
let server: Awaited<ReturnType<typeof startRouteServer>>;
let email: string;
let apiKey: string;
const defaults = { ...signInPolicy };

beforeAll(async () => {
  d = await testDatabase();
  useTestApp(d);
  const acme = await orgWithMembers(d.db, 'acme');
  email = (acme.users.developer.actor as { email: string }).email;
  apiKey = (await createApiKey(system(d.db), { org: 'acme', name: 'audit', role: 'admin' })).key;
  server = await startRouteServer();
  // Long enough that no retry in this file waits it out: outcomes never depend on timing.
  signInPolicy.baseDelayMs = 10 * 60_000;
}, 120_000);
afterEach(() => {
  resetSignInGuardForTests();
  delete process.env.GANTRY_TRUSTED_PROXIES;
  resetConfigForTests();
});
afterAll(async () => {
  Object.assign(signInPolicy, defaults);
  await Promise.all([server?.stop(), d?.close()]);
});

const trustLoopbackProxy = () => {
  process.env.GANTRY_TRUSTED_PROXIES = '127.0.0.1, 10.0.0.0/8';
  resetConfigForTests();
};
const signIn = (password: string, forwardedFor?: string) =>
  fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: consoleOrigins()[0], ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ email, password }),
  });
const randomIp = (i: number) => `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`;
const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

describe('sign-in rate limit and backoff', () => {
  it('ignores a client-supplied X-Forwarded-For: rotating it does not buy more guesses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signIn('wrong-password-1', randomIp(i))).status);
    expect(tally(statuses)).toEqual({ 401: signInPolicy.freeFailures, 429: 30 - signInPolicy.freeFailures });
    const refused = await signIn('wrong-password-1', randomIp(99));
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('honours X-Forwarded-For from a trusted proxy: each client address has its own backoff', async () => {
    trustLoopbackProxy();
    const attacker: number[] = [];
    for (let i = 0; i < 10; i++) attacker.push((await signIn('wrong-password-2', '203.0.113.5')).status);
    expect(tally(attacker)).toEqual({ 401: signInPolicy.freeFailures, 429: 10 - signInPolicy.freeFailures });
    // Another client behind the same proxy is not punished for the first one's guesses.
    expect((await signIn('wrong-password-2', '203.0.113.6')).status).toBe(401);
    // A chain: the rightmost untrusted hop is the client (10.1.2.3 is another trusted proxy).
    expect((await signIn('wrong-password-2', '8.8.8.8, 203.0.113.5, 10.1.2.3')).status).toBe(429);
  });

  it('lets the owner sign in from another address while the account is under attack', async () => {
    trustLoopbackProxy();
    // Many addresses, many failures: the account is under attack, each address soon waits.
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await signIn('wrong-password-3', randomIp(i % 8))).status);
    expect(tally(statuses)[429]).toBeGreaterThan(0);
    // A guessing address stays refused even with the right password…
    expect((await signIn(testPassword, randomIp(0))).status).toBe(429);
    // …while the owner, from their own address, signs in at the first try.
    const owner = await signIn(testPassword, '192.0.2.44');
    expect(owner.status).toBe(200);
    // better-auth recorded the same client address for the session as the guard used.
    const [row] = await d.db.select({ ip: session.ipAddress }).from(session).orderBy(desc(session.createdAt)).limit(1);
    expect(row.ip).toBe('192.0.2.44');
  });

  it('records the real client address in the audit log, not a forged X-Forwarded-For', async () => {
    const create = (name: string) =>
      fetch(`${server.url}/api/v1/orgs/acme/projects`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'x-forwarded-for': '8.8.8.8' },
        body: JSON.stringify({ name, displayName: name }),
      });
    const ipOf = async (name: string) =>
      (await d.db.select({ ip: auditEvent.ip }).from(auditEvent).where(and(eq(auditEvent.action, 'project.create'), eq(auditEvent.targetLabel, name))))[0]?.ip;
    expect((await create('forged')).status).toBe(201);
    expect(await ipOf('forged')).toBe('127.0.0.1');
    trustLoopbackProxy();
    expect((await create('proxied')).status).toBe(201);
    expect(await ipOf('proxied')).toBe('8.8.8.8');
  });
});
