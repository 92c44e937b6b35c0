import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from 'better-auth/crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase, testPassword } from '@/db/testing';
import { account, member, organization, user } from '@/db/schema';
import { system } from '../testing/fixtures';
import { createUser } from './create-user';
import { hasAnyUser, setupFirstAdmin } from './setup-first-admin';

let d: Database;
beforeEach(async () => {
  d = await testDatabase();
});
afterEach(() => d.close());

const anon = () => ({ db: d.db, actor: { type: 'anonymous' as const } });
const admin = { name: 'Ada', email: 'ada@example.test', password: testPassword, organization: { slug: 'acme', name: 'Acme' } };

describe('first-run setup', () => {
  it('creates the first admin with a hashed password and their organisation, once', async () => {
    expect(await hasAnyUser(anon())).toBe(false);
    const r = await setupFirstAdmin(anon(), admin);
    expect(r.org?.slug).toBe('acme');
    const [cred] = await d.db.select().from(account).where(eq(account.userId, r.user.id));
    expect(cred.password).not.toContain(testPassword);
    expect(await verifyPassword({ hash: cred.password!, password: testPassword })).toBe(true);
    const [m] = await d.db.select().from(member).where(eq(member.userId, r.user.id));
    expect(m.role).toBe('admin');
    await expect(setupFirstAdmin(anon(), { ...admin, email: 'eve@example.test', organization: undefined })).rejects.toMatchObject({ code: 'conflict' });
    expect(await d.db.select().from(user)).toHaveLength(1);
  });

  it('creates exactly one admin when two setups race', async () => {
    const results = await Promise.allSettled([
      setupFirstAdmin(anon(), { ...admin, email: 'a1@example.test', organization: { slug: 'one', name: 'One' } }),
      setupFirstAdmin(anon(), { ...admin, email: 'a2@example.test', organization: { slug: 'two', name: 'Two' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await d.db.select().from(user)).toHaveLength(1);
    expect(await d.db.select().from(organization)).toHaveLength(1);
  });

  it.each([
    ['short', 'Password must be at least 10 characters.'],
    ['password123', 'This password is too common. Choose another.'],
    ['aaaaaaaaaaaa', 'This password is too simple. Use more different characters.'],
  ])('refuses the weak password %j and writes nothing', async (password, message) => {
    await expect(setupFirstAdmin(anon(), { ...admin, password })).rejects.toMatchObject({ code: 'invalid', details: { fields: { password: message } } });
    expect(await hasAnyUser(anon())).toBe(false);
    expect(await d.db.select().from(organization)).toHaveLength(0);
  });

  it('refuses an invalid email and a bad organisation slug without writing anything', async () => {
    await expect(setupFirstAdmin(anon(), { ...admin, email: 'not-an-email' })).rejects.toMatchObject({ details: { fields: { email: expect.any(String) } } });
    await expect(setupFirstAdmin(anon(), { ...admin, organization: { slug: 'Bad Slug', name: 'x' } })).rejects.toMatchObject({ details: { fields: { 'organization.slug': expect.any(String) } } });
    expect(await hasAnyUser(anon())).toBe(false);
  });
});

describe('headless account creation', () => {
  it('is for the installer only and refuses a duplicate email (case-insensitive)', async () => {
    await createUser(system(d.db), { name: 'Ada', email: 'Ada@Example.test', password: testPassword });
    await expect(createUser(system(d.db), { name: 'Ada 2', email: 'ada@example.test', password: testPassword })).rejects.toMatchObject({ code: 'conflict' });
    await expect(createUser(anon(), { name: 'X', email: 'x@example.test', password: testPassword })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await d.db.select().from(user)).toHaveLength(1);
  });
});
