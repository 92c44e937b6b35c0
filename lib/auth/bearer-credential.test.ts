import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { apiKey, ciToken } from '@/db/schema';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { cappedRole, covers, roles } from '@/lib/services/roles';
import { expiryAfterDays, findCredential, isWellFormed, issueCredential, lastUsedThrottleMs } from './bearer-credential';

let d: Database;
beforeAll(async () => {
  d = await testDatabase();
  await orgWithMembers(d.db, 'acme');
});
afterAll(() => d.close());

describe('bearer credentials', () => {
  it('issues 256-bit values with the kind’s prefix, stores a hash, and checks the shape before any lookup', () => {
    const a = issueCredential('api-key');
    const c = issueCredential('ci-token');
    expect(a.secret).toMatch(/^gak_[A-Za-z0-9_-]{43}$/);
    expect(c.secret).toMatch(/^gct_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.secret.slice(4), 'base64url')).toHaveLength(32);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.secret.slice(4));
    expect(a.prefix).toBe(a.secret.slice(0, 10));
    expect(isWellFormed('api-key', a.secret)).toBe(true);
    expect(isWellFormed('ci-token', a.secret)).toBe(false);
    expect(isWellFormed('api-key', a.secret + 'x')).toBe(false);
    expect(isWellFormed('api-key', a.secret.slice(0, -1) + '!')).toBe(false);
    expect(issueCredential('api-key').secret).not.toBe(a.secret);
  });

  it('finds a usable credential by its value only, and never a CI token as an API key', async () => {
    const { key } = await createApiKey(system(d.db), { org: 'acme', name: 'k', role: 'viewer' });
    expect((await findCredential(d.db, 'api-key', key))?.name).toBe('k');
    expect(await findCredential(d.db, 'ci-token', key)).toBeUndefined();
    const gct = `gct_${key.slice(4)}`;
    expect(await findCredential(d.db, 'ci-token', gct)).toBeUndefined();
    expect(await d.db.select().from(ciToken)).toEqual([]);
  });

  it('marks use at most once per throttle window', async () => {
    const { key, id } = await createApiKey(system(d.db), { org: 'acme', name: 'used', role: 'viewer' });
    const lastUsed = async () => (await d.db.select({ at: apiKey.lastUsedAt }).from(apiKey).where(eq(apiKey.id, id)))[0].at;
    expect(await lastUsed()).toBeNull();
    await findCredential(d.db, 'api-key', key);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    const recent = new Date(Date.now() - lastUsedThrottleMs / 2);
    await d.db.update(apiKey).set({ lastUsedAt: recent }).where(eq(apiKey.id, id));
    await findCredential(d.db, 'api-key', key);
    expect((await lastUsed())?.getTime()).toBe(recent.getTime());
    const old = new Date(Date.now() - lastUsedThrottleMs * 2);
    await d.db.update(apiKey).set({ lastUsedAt: old }).where(eq(apiKey.id, id));
    await findCredential(d.db, 'api-key', key);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(old.getTime() + lastUsedThrottleMs);
  });

  it('computes expiry in whole days', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(expiryAfterDays(undefined, now)).toBeNull();
    expect(expiryAfterDays(30, now)?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });
});

describe('role caps', () => {
  it('never exceeds either role, and is the role itself when they agree', () => {
    for (const a of roles)
      for (const b of roles) {
        const c = cappedRole(a, b);
        expect(covers(a, c) && covers(b, c), `${a} ∧ ${b} = ${c}`).toBe(true);
      }
    expect(cappedRole('admin', 'developer')).toBe('developer');
    expect(cappedRole('developer', 'admin')).toBe('developer');
    expect(cappedRole('platform-engineer', 'developer')).toBe('viewer');
    for (const r of roles) expect(cappedRole(r, r)).toBe(r);
  });
});
