import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent, componentConfig } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { createComponent } from '../components/create-component';
import { createProject } from '../projects/create-project';
import { createRegistry } from '../registries/create-registry';
import { orgWithMembers } from '../testing/fixtures';
import { listConfigs } from './list-configs';
import { mountPathProblem, normaliseMountPath } from './mount-path';
import { setConfig } from './set-config';

let d: Database;
let reg: TestRegistry;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 9)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  await pushImage(await buildTestImage({ message: 'hello configs' }), `${reg.host}/team/hello:1.0`);
  fx = await orgWithMembers(d.db, 'acme');
  await createProject(fx.users.developer, { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(fx.users.admin, 'acme', { displayName: 'Local', authType: 'anonymous', host: reg.host });
  await createComponent(fx.users.developer, { org: 'acme', project: 'shop', name: 'hello', displayName: 'Hello', type: 'service', registryId: r.id, image: `${reg.host}/team/hello:1.0` });
}, 180_000);

afterAll(async () => {
  await Promise.all([d?.close(), reg?.stop()]);
});

const set = (input: Record<string, unknown>) => setConfig(fx.users.developer, { ...input, org: 'acme', project: 'shop', component: 'hello' });
const written = async () => ({
  configs: (await d.db.select({ n: count() }).from(componentConfig))[0].n,
  audits: (await d.db.select({ n: count() }).from(auditEvent).where(eq(auditEvent.action, 'config.set')))[0].n,
});

describe('config names and values', () => {
  it('refuse NUL and control characters with a field error, never echoing the value, and write nothing', async () => {
    const before = await written();
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'env', key: 'API_TOKEN', value: 'hunter2\0s3cret', secret: true }, 'value'],
      [{ kind: 'env', key: 'API_TOKEN', value: 'bell\x07', secret: false }, 'value'],
      [{ kind: 'env', key: 'API_TOKEN', value: 'esc\x1b[2J' }, 'value'],
      [{ kind: 'env', key: 'API\0TOKEN', value: 'x' }, 'key'],
      [{ kind: 'file', key: '/etc/app.conf', value: 'a\0b', secret: true }, 'value'],
      [{ kind: 'file', key: '/etc/app\x01.conf', value: 'x' }, 'key'],
      [{ kind: 'file', key: '/etc/app\u0085.conf', value: 'x' }, 'key'],
      [{ kind: 'env', key: 'X', value: 'x', environment: 'dev\0' }, 'environment'],
    ];
    for (const [input, field] of cases) {
      const e = await set(input).catch((err: unknown) => err);
      expect(e, JSON.stringify(input)).toMatchObject({ code: 'invalid', details: { fields: { [field]: expect.any(String) } } });
      expect((e as Error).message).not.toMatch(/hunter2|s3cret/);
    }
    expect(await written()).toEqual(before);
  });

  it('keep tabs and line breaks where values are text', async () => {
    await set({ kind: 'env', key: 'PEM_KEY', value: '-----BEGIN KEY-----\nabc\tdef\n-----END KEY-----', secret: true });
    await set({ kind: 'file', key: '/etc/app/crlf.conf', value: 'a = 1\r\n\tb = 2\r\n' });
    const keys = (await listConfigs(fx.users.developer, { org: 'acme', project: 'shop', component: 'hello' })).map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(['PEM_KEY', '/etc/app/crlf.conf']));
  });
});

describe('file-mount paths', () => {
  it('are refused at save time when they would fail at rollout or be hidden by the runtime', async () => {
    const before = await written();
    const refused: [string, RegExp][] = [
      ['/./etc/x', /"\."/],
      ['/.', /"\."|names a file/],
      ['/.../x', /dots-only/],
      ['/etc/../passwd', /"\.\."/],
      ['/etc/app/..', /"\.\."/],
      ['relative/x', /absolute/],
      ['/etc/app/', /names a file/],
      ['//', /names a file/],
      ['/proc/self/environ', /kernel/],
      ['/proc', /kernel/],
      ['/sys/kernel/x', /kernel/],
      ['/dev/shm/x', /kernel/],
      ['/etc/hosts', /written by the container engine/],
      ['/etc//resolv.conf', /written by the container engine/],
      ['/etc/hostname', /written by the container engine/],
      [`/etc/${'n'.repeat(101)}`, /100 bytes/],
      ['/etc/a b', /spaces/],
    ];
    for (const [key, message] of refused) {
      const e = await set({ kind: 'file', key, value: 'x' }).catch((err: unknown) => err);
      expect(e, key).toMatchObject({ code: 'invalid', details: { fields: { key: expect.stringMatching(message) } } });
    }
    expect(await written()).toEqual(before);
  });

  it('fold repeated slashes and are stored folded', async () => {
    expect(normaliseMountPath('//etc//passwd')).toBe('/etc/passwd');
    expect(mountPathProblem('//etc//passwd')).toBeNull();
    expect(mountPathProblem('/procfs/x')).toBeNull(); // only the tree itself is reserved
    expect(mountPathProblem('/etc/hosts.allow')).toBeNull();
    const saved = await set({ kind: 'file', key: '//srv//app///config.json', value: '{}' });
    expect(saved.key).toBe('/srv/app/config.json');
    const again = await set({ kind: 'file', key: '/srv/app/config.json', value: '{"a":1}' });
    expect(again.id).toBe(saved.id); // one file, not two
  });
});
