import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent, containerRegistry } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { clearTokenCache } from '@/lib/oci/client';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { orgWithMembers } from '../testing/fixtures';
import { createRegistry } from './create-registry';
import { deleteRegistry } from './delete-registry';
import { getRegistry } from './get-registry';
import { listRegistries } from './list-registries';
import { testRegistry } from './test-registry';
import { testRegistryDraft } from './test-registry-draft';
import { updateRegistry } from './update-registry';

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
let anon: TestRegistry;
let basic: TestRegistry;
let token: TestRegistry;
let digest11: string;

const dockerConfig = (key: string, entry: Record<string, string>) => JSON.stringify({ auths: { [key]: entry } });
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
  [d, anon, basic, token] = await Promise.all([
    testDatabase(),
    startRegistry({ auth: 'anonymous' }),
    startRegistry({ auth: 'basic', username: 'alice', password: 'basic-S3cret-pw' }),
    startRegistry({ auth: 'token', username: 'bob', password: 'token-S3cret-pw' }),
  ]);
  fx = await orgWithMembers(d.db, 'acme');
  const image = await buildTestImage({ message: 'hello 1.0' });
  for (const r of [anon, basic, token]) {
    const creds = r.username ? { username: r.username, password: r.password! } : undefined;
    await pushImage(image, `${r.host}/team/hello:1.0`, creds);
    const pushed = await pushImage(image, `${r.host}/team/hello:1.1`, creds);
    if (r === token) digest11 = pushed.digest;
  }
}, 180_000);
afterAll(async () => {
  await Promise.all([d?.close(), anon?.stop(), basic?.stop(), token?.stop()]);
});

describe('registering each authentication type against real registries', () => {
  it('anonymous: registers and tests ok, including pull access to an image', async () => {
    const r = await createRegistry(fx.users['platform-engineer'], { org: 'acme', displayName: 'Local anon', authType: 'anonymous', host: anon.host });
    const t = await testRegistry(fx.users['platform-engineer'], { org: 'acme', id: r.id, image: 'team/hello:1.0' });
    expect(t).toMatchObject({ ok: true, status: 'ok' });
    expect(t.message).toContain('team/hello:1.0');
  });

  it('basic: tests ok, fails clearly with a wrong password, and recovers after rotating only the password', async () => {
    const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Basic', authType: 'basic', host: basic.host, username: 'alice', password: 'wrong-password' });
    const bad = await testRegistry(fx.users.admin, { org: 'acme', id: r.id });
    expect(bad).toMatchObject({ ok: false, status: 'failed' });
    expect(bad.message).toMatch(/refused the credentials|username or password/i);
    expect((await getRegistry(fx.users.admin, { org: 'acme', id: r.id })).lastTestStatus).toBe('failed');
    await updateRegistry(fx.users.admin, { org: 'acme', id: r.id, password: 'basic-S3cret-pw' });
    const good = await testRegistry(fx.users.admin, { org: 'acme', id: r.id, image: `${basic.host}/team/hello:1.1` });
    expect(good).toMatchObject({ ok: true, status: 'ok' });
    // Renaming keeps the stored password.
    await updateRegistry(fx.users.admin, { org: 'acme', id: r.id, displayName: 'Basic renamed' });
    expect((await testRegistry(fx.users.admin, { org: 'acme', id: r.id })).ok).toBe(true);
  });

  it('token (Bearer challenge): tests ok, reuses the cached token, and reports refusal and missing scopes', async () => {
    const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Token', authType: 'basic', host: token.host, username: 'bob', password: 'token-S3cret-pw' });
    const ok = await testRegistry(fx.users.admin, { org: 'acme', id: r.id, image: 'team/hello:1.1' });
    expect(ok.ok).toBe(true);
    expect(ok.message).toContain(digest11);
    const before = token.tokenRequests();
    expect((await testRegistry(fx.users.admin, { org: 'acme', id: r.id, image: 'team/hello:1.1' })).ok).toBe(true);
    expect(token.tokenRequests()).toBe(before);

    token.setTokenPolicy('no-scopes');
    clearTokenCache();
    const scoped = await testRegistry(fx.users.admin, { org: 'acme', id: r.id, image: 'team/hello:1.0' });
    token.setTokenPolicy('refuse');
    await updateRegistry(fx.users.admin, { org: 'acme', id: r.id, password: 'rotated-to-force-a-new-token' });
    const refused = await testRegistry(fx.users.admin, { org: 'acme', id: r.id });
    token.setTokenPolicy('grant');
    expect(scoped).toMatchObject({ ok: false });
    expect(scoped.message).toMatch(/no pull access to .*team\/hello/i);
    expect(refused).toMatchObject({ ok: false });
    expect(refused.message).toMatch(/refused|credentials/i);
  });

  it('reports a missing repository and a missing tag clearly', async () => {
    const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Anon 2', authType: 'anonymous', host: anon.host });
    const repo = await testRegistry(fx.users.admin, { org: 'acme', id: r.id, image: 'team/nope:1.0' });
    const tag = await testRegistry(fx.users.admin, { org: 'acme', id: r.id, image: 'team/hello:9.9' });
    expect(repo.ok).toBe(false);
    expect(repo.message).toMatch(/team\/nope/);
    expect(tag.ok).toBe(false);
    expect(tag.message).toMatch(/9\.9/);
  });

  it('docker-config: takes host and credentials from the single auths entry', async () => {
    const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'From config', authType: 'docker-config', dockerConfig: dockerConfig(`http://${basic.host}`, { auth: b64('alice:basic-S3cret-pw') }) });
    expect(r).toMatchObject({ host: basic.host, username: 'alice', authType: 'docker-config' });
    expect((await testRegistry(fx.users.admin, { org: 'acme', id: r.id, image: 'team/hello:1.0' })).ok).toBe(true);
    const hub = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Hub', authType: 'docker-config', dockerConfig: dockerConfig('https://index.docker.io/v1/', { username: 'me', password: 'dckr_pat_x' }) });
    expect(hub.host).toBe('docker.io');
  });

  it.each([
    ['invalid JSON', '{"auths": {', /not valid JSON/],
    ['no auths entry', '{}', /no "auths"/],
    ['zero entries', '{"auths": {}}', /empty/],
    ['several entries', JSON.stringify({ auths: { 'a.io': { auth: b64('u:p') }, 'b.io': { auth: b64('u:p') } } }), /2 registries/],
    ['credsStore', JSON.stringify({ auths: { 'a.io': {} }, credsStore: 'desktop' }), /credential helper/],
    ['credHelpers', JSON.stringify({ auths: { 'a.io': { auth: b64('u:p') } }, credHelpers: { 'a.io': 'ecr-login' } }), /credential helper/],
    ['no inline secret', JSON.stringify({ auths: { 'a.io': {} } }), /no inline credentials/],
    ['auth without a colon', JSON.stringify({ auths: { 'a.io': { auth: b64('justuser') } } }), /does not decode/],
  ])('docker-config: refuses %s and stores nothing', async (_label, text, message) => {
    const before = (await d.db.select().from(containerRegistry)).length;
    await expect(createRegistry(fx.users.admin, { org: 'acme', displayName: 'Bad config', authType: 'docker-config', dockerConfig: text })).rejects.toMatchObject({
      code: 'invalid',
      details: { fields: { dockerConfig: expect.stringMatching(message) } },
    });
    expect(await d.db.select().from(containerRegistry)).toHaveLength(before);
  });

  it('vendor-specific: says honestly that pull access cannot be verified from here', async () => {
    const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'ECR', authType: 'vendor', host: basic.host });
    const t = await testRegistry(fx.users.admin, { org: 'acme', id: r.id });
    expect(t).toMatchObject({ ok: false, status: 'unverifiable' });
    expect(t.message).toMatch(/cannot be verified from the control plane/);
  });

  it('tests a draft before saving without storing anything', async () => {
    const before = (await d.db.select().from(containerRegistry)).length;
    const ok = await testRegistryDraft(fx.users.admin, { org: 'acme', registry: { displayName: 'Draft', authType: 'basic', host: basic.host, username: 'alice', password: 'basic-S3cret-pw' }, image: 'team/hello:1.0' });
    const bad = await testRegistryDraft(fx.users.admin, { org: 'acme', registry: { displayName: 'Draft', authType: 'basic', host: basic.host, username: 'alice', password: 'nope' } });
    expect(ok.ok).toBe(true);
    expect(bad.ok).toBe(false);
    expect(await d.db.select().from(containerRegistry)).toHaveLength(before);
  });

  it('reports a registry that is down as unreachable', async () => {
    const down = await startRegistry({ auth: 'anonymous' });
    const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Going down', authType: 'anonymous', host: down.host });
    await down.stop();
    const t = await testRegistry(fx.users.admin, { org: 'acme', id: r.id });
    expect(t.ok).toBe(false);
    expect(t.message).toMatch(/refused|reach|unavailable|connect/i);
  });
});

/** A loopback listener that answers every request with a Basic challenge and records what it was sent. */
async function authorizationRecorder() {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    if (req.headers.authorization) seen.push(req.headers.authorization);
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="trap"', 'Docker-Distribution-API-Version': 'registry/2.0' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, seen, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('moving a registry needs its credentials again', () => {
  it('refuses a new host without the password, changes nothing, and never sends the stored password elsewhere', async () => {
    const trap = await authorizationRecorder();
    try {
      const r = await createRegistry(fx.users['platform-engineer'], { org: 'acme', displayName: 'Unused basic', authType: 'basic', host: basic.host, username: 'alice', password: 'basic-S3cret-pw' });
      const [before] = await d.db.select().from(containerRegistry).where(eq(containerRegistry.id, r.id));
      // The attack: point the registry at a listener, then press Test.
      await expect(updateRegistry(fx.users['platform-engineer'], { org: 'acme', id: r.id, host: trap.host })).rejects.toMatchObject({
        code: 'invalid',
        details: { fields: { password: expect.stringMatching(/required/i) } },
      });
      await expect(updateRegistry(fx.users['platform-engineer'], { org: 'acme', id: r.id, insecure: true })).rejects.toMatchObject({ code: 'invalid', details: { fields: { password: expect.any(String) } } });
      const [after] = await d.db.select().from(containerRegistry).where(eq(containerRegistry.id, r.id));
      expect(after).toEqual(before);
      await testRegistry(fx.users['platform-engineer'], { org: 'acme', id: r.id });
      expect(trap.seen).toEqual([]);

      // With the secret typed again the move is fine: what reaches the new host is what was just typed.
      await updateRegistry(fx.users['platform-engineer'], { org: 'acme', id: r.id, host: trap.host, password: 'typed-for-the-trap' });
      await testRegistry(fx.users['platform-engineer'], { org: 'acme', id: r.id });
      const sent = trap.seen.map((h) => Buffer.from(h.replace(/^Basic /, ''), 'base64').toString());
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((x) => x === 'alice:typed-for-the-trap')).toBe(true);
      // Renaming still keeps the stored password without retyping it.
      await updateRegistry(fx.users['platform-engineer'], { org: 'acme', id: r.id, displayName: 'Renamed trap' });
    } finally {
      await trap.stop();
    }
  });

  it('docker-config: toggling plain HTTP needs the config again', async () => {
    const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Config move', authType: 'docker-config', dockerConfig: dockerConfig('registry.example.org', { auth: b64('u:p') }) });
    await expect(updateRegistry(fx.users.admin, { org: 'acme', id: r.id, insecure: true })).rejects.toMatchObject({ code: 'invalid', details: { fields: { dockerConfig: expect.any(String) } } });
    const moved = await updateRegistry(fx.users.admin, { org: 'acme', id: r.id, insecure: true, dockerConfig: dockerConfig('registry.example.org', { auth: b64('u:p2') }) });
    expect(moved.insecure).toBe(true);
  });
});

describe('secrets at rest and roles', () => {
  it('stores only ciphertext bound to the row, and never returns or audits the secret', async () => {
    const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Secretive', authType: 'basic', host: 'registry.example.com', username: 'carol', password: 'pw-that-must-not-leak' });
    const [row] = await d.db.select().from(containerRegistry).where(eq(containerRegistry.id, r.id));
    expect(row.secretCiphertext).toMatch(/^v1\./);
    expect(row.secretCiphertext).not.toContain('pw-that-must-not-leak');
    const everything = JSON.stringify([r, await listRegistries(fx.users.admin, { org: 'acme' }), await getRegistry(fx.users.admin, { org: 'acme', id: r.id }), await d.db.select().from(auditEvent)]);
    expect(everything).not.toContain('pw-that-must-not-leak');
    expect(everything).not.toContain(row.secretCiphertext!);
  });

  it('lets developers and viewers see names and hosts only, and change nothing', async () => {
    const list = await listRegistries(fx.users.developer, { org: 'acme' });
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r) => r.username === null)).toBe(true);
    const id = list[0].id;
    for (const role of ['developer', 'viewer'] as const) {
      await expect(createRegistry(fx.users[role], { org: 'acme', displayName: 'x', authType: 'anonymous', host: 'a.io' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(updateRegistry(fx.users[role], { org: 'acme', id, displayName: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(deleteRegistry(fx.users[role], { org: 'acme', id })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(testRegistry(fx.users[role], { org: 'acme', id })).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('deletes a registry no component uses', async () => {
    const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Temp', authType: 'anonymous', host: 'temp.example.com' });
    await deleteRegistry(fx.users.admin, { org: 'acme', id: r.id });
    await expect(getRegistry(fx.users.admin, { org: 'acme', id: r.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('bad input', () => {
  it.each([
    ['a scheme', 'https://ghcr.io', /without https/],
    ['a path', 'ghcr.io/team', /without a path/],
    ['spaces', 'my registry.io', /spaces/],
    ['unicode', 'régistry.io', /ASCII/],
    ['10 kB', 'a'.repeat(10_000), /at most 253/],
    ['a bad port', 'host:99999', /port/],
    ['nothing', '', /required/],
  ])('refuses a host with %s with a field error', async (_label, host, message) => {
    await expect(createRegistry(fx.users.admin, { org: 'acme', displayName: 'Bad', authType: 'anonymous', host })).rejects.toMatchObject({ code: 'invalid', details: { fields: { host: expect.stringMatching(message) } } });
  });

  it('refuses fields of another auth type, unknown types and oversized values', async () => {
    await expect(createRegistry(fx.users.admin, { org: 'acme', displayName: 'X', authType: 'anonymous', host: 'a.io', password: 'p' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(createRegistry(fx.users.admin, { org: 'acme', displayName: 'X', authType: 'oauth', host: 'a.io' })).rejects.toMatchObject({ code: 'invalid', details: { fields: { authType: expect.any(String) } } });
    await expect(createRegistry(fx.users.admin, { org: 'acme', displayName: 'X'.repeat(10_000), authType: 'basic', host: 'a.io', username: 'u', password: 'p' })).rejects.toMatchObject({ details: { fields: { displayName: expect.any(String) } } });
    await expect(createRegistry(fx.users.admin, { org: 'acme', displayName: 'X', authType: 'basic', host: 'a.io', username: 'u' })).rejects.toMatchObject({ details: { fields: { password: expect.any(String) } } });
    await expect(createRegistry(fx.users.admin, { org: 'acme', displayName: 'Local anon', authType: 'anonymous', host: 'dup.io' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('warns about expiring ECR passwords with basic auth', async () => {
    const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'ECR basic', authType: 'basic', host: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', username: 'AWS', password: 'eyJ...' });
    expect(r.warnings.join(' ')).toMatch(/expire after 12 hours/);
  });
});
