import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '@/db/client';
import { session } from '@/db/schema';
import { testDatabase, testPassword } from '@/db/testing';
import { startRouteServer } from '@/lib/api/route-server';
import { useTestApp } from '@/lib/api/testing';
import { loadKeyRing } from '@/lib/crypto/keyring';
import { hashToken } from '@/lib/crypto/tokens';
import { consoleOrigins } from '@/lib/http/csrf';
import { orgWithMembers } from '@/lib/services/testing/fixtures';

/**
 * The session token lives in its HttpOnly cookie only: never in a JSON answer, and only as
 * a hash in the database. The data directory is private (0700) even when it existed before.
 */
let d: Database;
let server: Awaited<ReturnType<typeof startRouteServer>>;
let email: string;

beforeAll(async () => {
  d = await testDatabase();
  useTestApp(d);
  email = ((await orgWithMembers(d.db, 'acme')).users.viewer.actor as { email: string }).email;
  server = await startRouteServer();
}, 120_000);
afterAll(async () => {
  await Promise.all([server?.stop(), d?.close()]);
});

const call = (p: string, init: { method?: string; cookie?: string; body?: unknown } = {}) =>
  fetch(`${server.url}/api/auth/${p}`, {
    method: init.method ?? 'GET',
    headers: { origin: consoleOrigins()[0], ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });

describe('session tokens', () => {
  let cookie: string;
  let token: string;

  it('signs in with the token in the HttpOnly cookie only, not in the JSON', async () => {
    const res = await call('sign-in/email', { method: 'POST', body: { email, password: testPassword } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user.email).toBe(email);
    expect(body).not.toHaveProperty('token');
    const set = res.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='))!;
    expect(set).toMatch(/HttpOnly/i);
    cookie = set.split(';')[0];
    token = decodeURIComponent(cookie.split('=')[1]).split('.')[0];
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(JSON.stringify(body)).not.toContain(token);
  });

  it('keeps the token out of get-session and list-sessions', async () => {
    const got = await call('get-session', { cookie });
    const current = await got.json();
    expect(current.user.email).toBe(email);
    expect(current.session.userId).toBe(current.user.id);
    expect(current.session).not.toHaveProperty('token');
    const listed = await (await call('list-sessions', { cookie })).json();
    expect(listed.length).toBeGreaterThan(0);
    for (const s of listed) expect(s).not.toHaveProperty('token');
    expect(JSON.stringify([current, listed])).not.toContain(token);
  });

  it('stores only the SHA-256 of the token, and the cookie still works and signs out', async () => {
    const rows = await d.db.select({ token: session.token }).from(session);
    expect(rows.map((r) => r.token)).toContain(hashToken(token));
    expect(rows.map((r) => r.token)).not.toContain(token);
    // A copy of the stored value is no credential.
    const stolen = cookie.replace(token, hashToken(token));
    expect(await (await call('get-session', { cookie: stolen })).json()).toBeNull();
    expect((await call('sign-out', { method: 'POST', cookie, body: {} })).status).toBe(200);
    expect(await d.db.select().from(session).where(eq(session.token, hashToken(token)))).toHaveLength(0);
    expect(await (await call('get-session', { cookie })).json()).toBeNull();
  });
});

describe('data directory', () => {
  it('is forced to mode 0700 when the operator created it world-readable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-mode-'));
    try {
      fs.chmodSync(dir, 0o755);
      loadKeyRing(undefined, dir);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      fs.chmodSync(dir, 0o755);
      const db = await openDatabase({ dataDir: dir });
      await db.close();
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
