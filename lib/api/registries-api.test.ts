import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { component, componentConfig, containerRegistry } from '@/db/schema';
import { configSecretLabel } from '@/lib/services/configs/config-secret';
import { createProject } from '@/lib/services/projects/create-project';
import { createComponent } from '@/lib/services/components/create-component';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { captureLogs } from '@/lib/logger';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { rotateSecrets } from '@/lib/services/registries/rotate-secrets';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { useTestApp } from './testing';
import * as list from '@/app/api/v1/orgs/[org]/registries/route';
import * as one from '@/app/api/v1/orgs/[org]/registries/[id]/route';
import * as test from '@/app/api/v1/orgs/[org]/registries/[id]/test/route';
import * as draft from '@/app/api/v1/orgs/[org]/registries-test/route';
import { DRAFT_TESTS_PER_MINUTE } from '@/lib/services/registries/test-registry-draft';

let d: Database;
let reg: TestRegistry;
let auth: Record<string, string>;
const password = 'Pa55-never-echo-me';
const oldKey = Buffer.alloc(32, 1);
const newKey = Buffer.alloc(32, 2);
const dockerAuth = Buffer.from(`alice:${password}`).toString('base64');

beforeAll(async () => {
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'basic', username: 'alice', password })]);
  useTestApp(d, oldKey);
  await orgWithMembers(d.db, 'acme');
  auth = { authorization: `Bearer ${(await createApiKey(system(d.db), 'acme', { name: 'pe', role: 'platform-engineer' })).key}` };
}, 120_000);
afterAll(async () => {
  await Promise.all([d?.close(), reg?.stop()]);
});

const req = (url: string, method: string, body?: unknown) =>
  new Request(`http://127.0.0.1/api/v1/orgs/acme/${url}`, { method, headers: { ...auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
/** A component to hang a config secret on (created once, from a real image in the test registry). */
async function anyComponentId() {
  const [existing] = await d.db.select({ id: component.id }).from(component).limit(1);
  if (existing) return existing.id;
  await pushImage(await buildTestImage({ message: 'rotate' }), `${reg.host}/team/rotate:1`, { username: 'alice', password });
  await createProject(system(d.db), { org: 'acme', name: 'rot', displayName: 'Rot' });
  const [r] = await d.db.select({ id: containerRegistry.id }).from(containerRegistry).where(eq(containerRegistry.displayName, 'Rotating'));
  return (await createComponent(system(d.db), { org: 'acme', project: 'rot', name: 'rot', displayName: 'Rot', type: 'service', registryId: r.id, image: `${reg.host}/team/rotate:1` })).id;
}

const p = (extra: { id?: string } = {}) => ({ params: Promise.resolve({ org: 'acme', id: '', ...extra }) });

describe('registries over REST', () => {
  it('never echoes a secret in any response body or log line', async () => {
    const bodies: string[] = [];
    const keep = async (r: Response) => {
      const text = await r.text();
      bodies.push(text);
      return { status: r.status, json: text ? JSON.parse(text) : null };
    };
    const { lines } = await captureLogs(async () => {
      const created = await keep(await list.POST(req('registries', 'POST', { displayName: 'Basic', authType: 'basic', host: reg.host, username: 'alice', password }), p()));
      expect(created.status).toBe(201);
      const id = created.json.id as string;
      const fromConfig = await keep(await list.POST(req('registries', 'POST', { displayName: 'Config', authType: 'docker-config', dockerConfig: JSON.stringify({ auths: { [reg.host]: { auth: dockerAuth } } }) }), p()));
      expect(fromConfig.status).toBe(201);
      expect((await keep(await test.POST(req(`registries/${id}/test`, 'POST', {}), p({ id })))).json.ok).toBe(true);
      expect((await keep(await test.POST(req(`registries/${fromConfig.json.id}/test`, 'POST', {}), p({ id: fromConfig.json.id })))).json.ok).toBe(true);
      expect((await keep(await draft.POST(req('registries-test', 'POST', { registry: { displayName: 'd', authType: 'basic', host: reg.host, username: 'alice', password: `${password}-wrong` } }), p()))).json.ok).toBe(false);
      expect((await keep(await one.PATCH(req(`registries/${id}`, 'PATCH', { password }), p({ id })))).status).toBe(200);
      await keep(await one.GET(req(`registries/${id}`, 'GET'), p({ id })));
      await keep(await list.GET(req('registries', 'GET'), p()));
      // A failing request: the secret in an invalid body must not come back in the error.
      expect((await keep(await list.POST(req('registries', 'POST', { displayName: 'x', authType: 'anonymous', host: reg.host, password }), p()))).status).toBe(422);
    });
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...bodies, lines]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(dockerAuth);
    }
  });

  it('rejects unknown fields with 422 and stores nothing', async () => {
    const before = (await d.db.select().from(containerRegistry)).length;
    const res = await list.POST(req('registries', 'POST', { displayName: 'X', authType: 'anonymous', host: 'a.io', region: 'eu' }), p());
    expect(res.status).toBe(422);
    expect(await d.db.select().from(containerRegistry)).toHaveLength(before);
  });

  it('PATCH of the host without the password: 422 and nothing changed; with it: 200', async () => {
    const created = await list.POST(req('registries', 'POST', { displayName: 'Moving', authType: 'basic', host: reg.host, username: 'alice', password }), p());
    const { id } = await created.json();
    const [before] = await d.db.select().from(containerRegistry).where(eq(containerRegistry.id, id));
    const refused = await one.PATCH(req(`registries/${id}`, 'PATCH', { host: '127.0.0.1:1' }), p({ id }));
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.details.fields.password).toMatch(/required/i);
    expect((await d.db.select().from(containerRegistry).where(eq(containerRegistry.id, id)))[0]).toEqual(before);
    const moved = await one.PATCH(req(`registries/${id}`, 'PATCH', { host: '127.0.0.1:1', password: 'typed-again' }), p({ id }));
    expect(moved.status).toBe(200);
    expect((await moved.json()).host).toBe('127.0.0.1:1');
  });

  it('draft tests: a private address is refused with the uniform text, and the caller is rate-limited (429)', async () => {
    const caller = { authorization: `Bearer ${(await createApiKey(system(d.db), 'acme', { name: 'scanner', role: 'platform-engineer' })).key}` };
    const post = (host: string) =>
      draft.POST(
        new Request('http://127.0.0.1/api/v1/orgs/acme/registries-test', { method: 'POST', headers: { ...caller, 'content-type': 'application/json' }, body: JSON.stringify({ registry: { displayName: 'd', authType: 'anonymous', host, insecure: true } }) }),
        p(),
      );
    const first = await (await post('10.20.30.40:5000')).json();
    expect(first).toMatchObject({ ok: false, message: 'Could not reach the registry 10.20.30.40:5000. Check the host and port, that the registry is running, and that this server is allowed to connect to it.' });
    const statuses: number[] = [];
    for (let i = 1; i < DRAFT_TESTS_PER_MINUTE; i++) statuses.push((await post('169.254.169.254')).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await post('169.254.169.254');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The bucket is the caller's: another key is not affected.
    expect((await draft.POST(req('registries-test', 'POST', { registry: { displayName: 'd', authType: 'anonymous', host: reg.host } }), p())).status).toBe(200);
  });

  it('answers another organisation\'s registry with 404', async () => {
    await orgWithMembers(d.db, 'globex');
    const other = `Bearer ${(await createApiKey(system(d.db), 'globex', { name: 'x', role: 'admin' })).key}`;
    const [row] = await d.db.select().from(containerRegistry).limit(1);
    const res = await one.GET(new Request(`http://127.0.0.1/api/v1/orgs/acme/registries/${row.id}`, { headers: { authorization: other } }), p({ id: row.id }));
    expect(res.status).toBe(404);
    const cross = await one.GET(new Request(`http://127.0.0.1/api/v1/orgs/globex/registries/${row.id}`, { headers: { authorization: other } }), { params: Promise.resolve({ org: 'globex', id: row.id }) });
    expect(cross.status).toBe(404);
  });

  it('re-encrypts every secret under a new key, after which the old key is not needed', async () => {
    const created = await list.POST(req('registries', 'POST', { displayName: 'Rotating', authType: 'basic', host: reg.host, username: 'alice', password }), p());
    const id = (await created.json()).id;
    const secretConfig = await d.db.insert(componentConfig).values({ componentId: await anyComponentId(), kind: 'env', key: 'TOKEN', secret: true, valueCiphertext: null }).returning();
    await d.db.update(componentConfig).set({ valueCiphertext: new KeyRing([oldKey]).encrypt('config-secret', configSecretLabel(secretConfig[0].id)) }).where(eq(componentConfig.id, secretConfig[0].id));
    setKeyRingForTests(new KeyRing([newKey, oldKey]));
    const r = await rotateSecrets(system(d.db));
    expect(r.rotated).toBeGreaterThanOrEqual(2);
    expect(r.failed).toEqual([]);
    expect((await rotateSecrets(system(d.db))).rotated).toBe(0);
    setKeyRingForTests(new KeyRing([newKey]));
    const [row] = await d.db.select().from(containerRegistry).where(eq(containerRegistry.id, id));
    expect(row.secretCiphertext!.split('.')[1]).toBe(new KeyRing([newKey]).currentKeyId);
    expect((await (await test.POST(req(`registries/${id}/test`, 'POST', {}), p({ id }))).json()).ok).toBe(true);
    // Component config secrets are rotated too.
    const [cfg] = await d.db.select().from(componentConfig).where(eq(componentConfig.id, secretConfig[0].id));
    expect(new KeyRing([newKey]).decrypt(cfg.valueCiphertext!, configSecretLabel(cfg.id))).toBe('config-secret');
  });
});
