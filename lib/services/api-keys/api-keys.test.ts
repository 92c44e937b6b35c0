import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { apiKey, auditEvent } from '@/db/schema';
import { createProject } from '../projects/create-project';
import { getOrg } from '../orgs/get-org';
import { orgWithMembers } from '../testing/fixtures';
import { authenticateApiKey } from './authenticate-api-key';
import { createApiKey } from './create-api-key';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
beforeAll(async () => {
  d = await testDatabase();
  fx = await orgWithMembers(d.db, 'acme');
  await orgWithMembers(d.db, 'globex');
});
afterAll(() => d.close());

describe('API keys', () => {
  it('returns the key once, stores only its hash, and never lists or audits it', async () => {
    const created = await createApiKey(fx.users.admin, 'acme', { name: 'deployer', role: 'developer', expiresInDays: 30 });
    expect(created.key).toMatch(/^gak_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 10));
    const stored = await d.db.select().from(apiKey).where(eq(apiKey.id, created.id));
    expect(JSON.stringify(stored)).not.toContain(created.key);
    expect(JSON.stringify(await listApiKeys(fx.users.admin, 'acme'))).not.toContain(created.key);
    expect(JSON.stringify(await d.db.select().from(auditEvent))).not.toContain(created.key);
  });

  it('authenticates as its role in its organisation only', async () => {
    const { key } = await createApiKey(fx.users.admin, 'acme', { name: 'viewer-key', role: 'viewer' });
    const actor = await authenticateApiKey(d.db, key);
    expect(actor).toMatchObject({ type: 'api-key', role: 'viewer' });
    const ctx = { db: d.db, actor: actor! };
    expect((await getOrg(ctx, 'acme')).slug).toBe('acme');
    await expect(createProject(ctx, { org: 'acme', name: 'x', displayName: 'X' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getOrg(ctx, 'globex')).rejects.toMatchObject({ code: 'not_found' });
    expect(await authenticateApiKey(d.db, key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
  });

  it('stops working at once when revoked, or when expired', async () => {
    const { key, id } = await createApiKey(fx.users.admin, 'acme', { name: 'temp', role: 'developer' });
    expect(await authenticateApiKey(d.db, key)).toBeDefined();
    await revokeApiKey(fx.users.admin, 'acme', id);
    expect(await authenticateApiKey(d.db, key)).toBeUndefined();
    await expect(revokeApiKey(fx.users.admin, 'acme', id)).rejects.toMatchObject({ code: 'not_found' });
    const old = await createApiKey(fx.users.admin, 'acme', { name: 'old', role: 'developer', expiresInDays: 1 });
    await d.db.update(apiKey).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKey.id, old.id));
    expect(await authenticateApiKey(d.db, old.key)).toBeUndefined();
  });

  it('is managed by admins only, with validated input', async () => {
    await expect(createApiKey(fx.users.developer, 'acme', { name: 'x', role: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createApiKey(fx.users.admin, 'acme', { name: '', role: 'root' })).rejects.toMatchObject({ code: 'invalid', details: { fields: { name: expect.any(String), role: expect.any(String) } } });
    await expect(revokeApiKey(fx.users.admin, 'acme', 'not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
  });
});
