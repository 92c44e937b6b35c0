import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent, connection, deployment, environment, marketplaceCredential, marketplaceEntry, organization } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { connectionEnv, recordConnections } from '@/lib/marketplace/inject';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { createComponent } from '../components/create-component';
import { setConfig } from '../configs/set-config';
import { putEndpoints } from '../endpoints/put-endpoints';
import { createProject } from '../projects/create-project';
import { createRegistry } from '../registries/create-registry';
import { orgWithMembers } from '../testing/fixtures';
import { createConnection } from './create-connection';
import { deleteConnection } from './delete-connection';
import { deleteMarketplaceEntry } from './delete-entry';
import { getMarketplaceEntry } from './get-entry';
import { listConnections } from './list-connections';
import { listMarketplaceEntries } from './list-entries';
import { publishMarketplaceEntry } from './publish-entry';
import { registerMarketplaceEntry } from './register-entry';
import { updateConnection } from './update-connection';

let d: Database;
let reg: TestRegistry;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
let other: Awaited<ReturnType<typeof orgWithMembers>>;
let ids: { orgId: string; dev: string; staging: string; hello: { id: string; projectId: string; releaseId: string }; api: { id: string; releaseId: string } };
const SECRET = 'pg-s3cret-value-do-not-leak';

const ordersDb = (over: Record<string, unknown> = {}) => ({
  name: 'orders-db',
  version: '1.0',
  category: 'Database',
  description: 'Orders Postgres',
  tags: ['postgres'],
  properties: { engine: 'postgres 15' },
  connectionCredentials: [
    {
      environments: ['development'],
      parameters: [
        { key: 'HostName', value: 'db.dev.internal' },
        { key: 'Password', value: SECRET, isSecret: true },
      ],
    },
  ],
  ...over,
});

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  await pushImage(await buildTestImage({ message: 'hello market' }), `${reg.host}/team/hello:1.0`);
  fx = await orgWithMembers(d.db, 'acme');
  other = await orgWithMembers(d.db, 'globex');
  await createProject(fx.users.developer, { org: 'acme', name: 'shop', displayName: 'Shop' });
  await createProject(fx.users.developer, { org: 'acme', name: 'core', displayName: 'Core' });
  const r = await createRegistry(fx.users.admin, 'acme', { displayName: 'Local', authType: 'anonymous', host: reg.host });
  const hello = await createComponent(fx.users.developer, { org: 'acme', project: 'shop', name: 'hello', displayName: 'Hello', type: 'service', registryId: r.id, image: `${reg.host}/team/hello:1.0` });
  const api = await createComponent(fx.users.developer, { org: 'acme', project: 'core', name: 'api', displayName: 'API', type: 'service', registryId: r.id, image: `${reg.host}/team/hello:1.0` });
  const [org] = await d.db.select().from(organization).where(eq(organization.slug, 'acme'));
  const envs = await d.db.select().from(environment).where(eq(environment.organizationId, org.id));
  ids = {
    orgId: org.id,
    dev: envs.find((e) => e.name === 'development')!.id,
    staging: envs.find((e) => e.name === 'staging')!.id,
    hello: { id: hello.id, projectId: hello.projectId, releaseId: hello.release.id },
    api: { id: api.id, releaseId: api.release.id },
  };
}, 180_000);

afterAll(async () => {
  await Promise.all([d?.close(), reg?.stop()]);
});

const written = async () => ({
  entries: (await d.db.select({ n: count() }).from(marketplaceEntry))[0].n,
  creds: (await d.db.select({ n: count() }).from(marketplaceCredential))[0].n,
  connections: (await d.db.select({ n: count() }).from(connection))[0].n,
  audits: (await d.db.select({ n: count() }).from(auditEvent))[0].n,
});

describe('publishing and registering', () => {
  it('registers by hand, re-publishes the same version as an update, and a new version as a new entry', async () => {
    const first = await registerMarketplaceEntry(fx.users['platform-engineer'], { org: 'acme', ...ordersDb() });
    expect(first).toMatchObject({ name: 'orders-db', version: '1.0', revision: 1, created: true });
    const again = await publishMarketplaceEntry(fx.users['platform-engineer'], { org: 'acme', runId: 'run-7', resource: ordersDb({ description: 'Orders Postgres (resized)' }) });
    expect(again).toMatchObject({ id: first.id, revision: 2, created: false });
    const v2 = await publishMarketplaceEntry(fx.users.admin, { org: 'acme', runId: 'run-8', resource: ordersDb({ version: '2.0' }) });
    expect(v2.id).not.toBe(first.id);
    const got = await getMarketplaceEntry(fx.users.viewer, { org: 'acme', entry: 'orders-db' });
    expect(got.versions.map((v) => v.version).sort()).toEqual(['1.0', '2.0']);
    const v1 = got.versions.find((v) => v.version === '1.0')!;
    expect(v1).toMatchObject({ description: 'Orders Postgres (resized)', source: 'pipeline', sourceRunId: 'run-7', revision: 2, keys: ['HostName', 'Password'] });
    expect(v1.environments.find((e) => e.environment === 'development')).toMatchObject({ available: true, parameters: [{ key: 'HostName', value: 'db.dev.internal' }, { key: 'Password', isSecret: true, set: true }] });
    expect(v1.environments.find((e) => e.environment === 'production')).toMatchObject({ available: false });
    // The secret is stored encrypted only, and never leaves through the finders or the audit log.
    const stored = await d.db.select().from(marketplaceCredential).where(eq(marketplaceCredential.key, 'Password'));
    expect(stored.every((c) => c.value === null && c.valueCiphertext && !c.valueCiphertext.includes(SECRET))).toBe(true);
    expect(JSON.stringify(got)).not.toContain(SECRET);
    expect(JSON.stringify(await d.db.select().from(auditEvent))).not.toContain(SECRET);
  });

  it('lists, searches and filters by category', async () => {
    await registerMarketplaceEntry(fx.users.admin, { org: 'acme', name: 'events', version: '1', category: 'Messaging', description: 'Kafka topic for events' });
    const all = await listMarketplaceEntries(fx.users.developer, { org: 'acme' });
    expect(all.items.find((i) => i.name === 'orders-db')).toMatchObject({ versions: ['2.0', '1.0'], latestVersion: '2.0' });
    expect((await listMarketplaceEntries(fx.users.developer, { org: 'acme', category: 'Messaging' })).items.map((i) => i.name)).toEqual(['events']);
    expect((await listMarketplaceEntries(fx.users.developer, { org: 'acme', q: 'KAFKA' })).items.map((i) => i.name)).toEqual(['events']);
    expect((await listMarketplaceEntries(fx.users.developer, { org: 'acme', q: 'postgres' })).items.map((i) => i.name)).toEqual(['orders-db']);
    await expect(listMarketplaceEntries(fx.users.developer, { org: 'acme', category: 'Nope' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const before = await written();
    const big = 'x'.repeat(1024 * 1024);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...ordersDb(), name: undefined }, /Name is required/],
      [{ ...ordersDb(), version: 1 }, /Version is a string/],
      [{ ...ordersDb(), category: 'Cache' }, /Category must be one of/],
      [ordersDb({ connectionCredentials: [{ environments: ['development'], parameters: [{ key: 'Port', value: '1' }, { key: 'PORT', value: '2' }] }] }), /given twice/],
      [ordersDb({ connectionCredentials: [{ environments: ['development'], parameters: [{ key: 'Big', value: big, isSecret: true }] }] }), /at most 64 KiB/],
      [ordersDb({ connectionCredentials: [{ environments: ['development'], parameters: [{ key: 'A=B', value: '1' }] }] }), /Key has letters/],
      [ordersDb({ connectionCredentials: [{ environments: ['development'], parameters: [{ key: 'A\nB', value: '1' }] }] }), /Key has letters/],
      [ordersDb({ connectionCredentials: [{ environments: ['moon'], parameters: [{ key: 'A', value: '1' }] }] }), /no environment "moon"/],
      [ordersDb({ connectionCredentials: [{ environments: ['development'], parameters: [{ key: 'A', value: 'v\0' }] }] }), /NUL/],
      [{ ...ordersDb(), extra: true }, /extra|Unrecognized/i],
    ];
    for (const [input, message] of cases) {
      const e = await registerMarketplaceEntry(fx.users.admin, { org: 'acme', ...input, version: 'version' in input ? input.version : '9.9' }).catch((err: unknown) => err);
      expect(e, JSON.stringify(input).slice(0, 200)).toMatchObject({ code: 'invalid' });
      expect((e as Error).message + JSON.stringify((e as { details?: unknown }).details), JSON.stringify(input).slice(0, 200)).toMatch(message);
      expect((e as Error).message).not.toContain(big.slice(0, 100));
    }
    expect(await written()).toEqual(before);
  });

  it('keeps each organisation to itself and each role to its permissions', async () => {
    await expect(getMarketplaceEntry(other.users.admin, { org: 'acme', entry: 'orders-db' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(getMarketplaceEntry(other.users.admin, { org: 'globex', entry: 'orders-db' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(registerMarketplaceEntry(fx.users.developer, { org: 'acme', ...ordersDb() })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(publishMarketplaceEntry(other.users.admin, { org: 'acme', runId: 'r', resource: ordersDb() })).rejects.toMatchObject({ code: 'not_found' });
    await expect(createConnection(other.users.developer, { org: 'globex', project: 'x', name: 'db', entry: 'orders-db', version: '1.0' })).rejects.toMatchObject({ code: 'not_found' });
    // Another organisation's entry cannot be named from here, even by its exact name.
    await registerMarketplaceEntry(other.users.admin, { org: 'globex', name: 'globex-only', version: '1', category: 'Other' });
    await expect(createConnection(fx.users.developer, { org: 'acme', project: 'shop', component: 'hello', name: 'theirs', entry: 'globex-only', version: '1' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(getMarketplaceEntry(fx.users.admin, { org: 'acme', entry: 'globex-only' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('connections', () => {
  it('maps keys to variables, refuses clashes and bad names, and lists what needs a redeploy', async () => {
    const dev = fx.users.developer;
    await setConfig(dev, { org: 'acme', project: 'shop', component: 'hello', kind: 'env', key: 'ORDERS_HOSTNAME', value: 'x' });
    const before = await written();
    await expect(createConnection(dev, { org: 'acme', project: 'shop', component: 'hello', name: 'orders', entry: 'orders-db', version: '1.0' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/ORDERS_HOSTNAME is already set by the configuration variable/) });
    await expect(createConnection(dev, { org: 'acme', project: 'shop', component: 'hello', name: 'orders', entry: 'orders-db', version: '1.0', env: { HostName: 'BAD=NAME' } })).rejects.toMatchObject({ code: 'invalid' });
    await expect(createConnection(dev, { org: 'acme', project: 'shop', component: 'hello', name: 'orders', entry: 'orders-db', version: '1.0', env: { HostName: 'A\nB' } })).rejects.toMatchObject({ code: 'invalid' });
    await expect(createConnection(dev, { org: 'acme', project: 'shop', component: 'hello', name: 'orders', entry: 'orders-db', version: '1.0', env: { Nope: 'A' } })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/no key "Nope"/) });
    await expect(createConnection(dev, { org: 'acme', project: 'shop', component: 'hello', name: 'orders', entry: 'orders-db', version: '7.0' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(createConnection(fx.users.viewer, { org: 'acme', project: 'shop', component: 'hello', name: 'orders', entry: 'orders-db', version: '1.0' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await written()).toEqual(before);

    const c = await createConnection(dev, { org: 'acme', project: 'shop', component: 'hello', name: 'orders', entry: 'orders-db', version: '1.0', env: { HostName: 'DB_HOST' } });
    expect(c.env).toEqual({ HostName: 'DB_HOST', Password: 'ORDERS_PASSWORD' });
    await expect(createConnection(dev, { org: 'acme', project: 'shop', component: 'hello', name: 'orders', entry: 'orders-db', version: '2.0', env: { HostName: 'H2', Password: 'P2' } })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/named "orders" exists/) });
    await expect(createConnection(dev, { org: 'acme', project: 'shop', name: 'shared', entry: 'orders-db', version: '2.0', env: { HostName: 'DB_HOST' } })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/connection "orders"/) });
    const list = await listConnections(fx.users.viewer, { org: 'acme', project: 'shop', component: 'hello' });
    expect(list.items).toEqual([expect.objectContaining({ name: 'orders', entry: 'orders-db', version: '1.0', redeployToApply: [] })]);

    // Deleting an entry in use is refused with who uses it.
    const refused = await deleteMarketplaceEntry(fx.users.admin, { org: 'acme', entry: 'orders-db' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'conflict', details: { connections: [{ project: 'shop', component: 'hello', connection: 'orders', version: '1.0' }] } });
    expect((await getMarketplaceEntry(fx.users.viewer, { org: 'acme', entry: 'orders-db' })).versions).toHaveLength(2);
    expect(await deleteMarketplaceEntry(fx.users.admin, { org: 'acme', entry: 'orders-db', version: '2.0' })).toEqual({ deleted: ['2.0'] });
  });

  it('injects values at deploy, fails a deployment whose environment lacks them, and flags a re-publish', async () => {
    const target = { projectId: ids.hello.projectId, componentId: ids.hello.id, environmentId: ids.dev };
    const { env, used } = await connectionEnv(d.db, target);
    expect(env).toEqual({ DB_HOST: 'db.dev.internal', ORDERS_PASSWORD: SECRET });
    expect(used).toEqual([expect.objectContaining({ connectionName: 'orders', entryName: 'orders-db', entryVersion: '1.0', entryRevision: 2 })]);
    await expect(connectionEnv(d.db, { ...target, environmentId: ids.staging })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/"orders" \(orders-db@1.0\) has no value for HostName in staging/) });

    const [dep] = await d.db
      .insert(deployment)
      .values({ organizationId: ids.orgId, componentId: ids.hello.id, environmentId: ids.dev, releaseId: ids.hello.releaseId, status: 'active', triggeredByType: 'system', triggeredByLabel: 'test' })
      .returning();
    await recordConnections(d.db, dep, used);
    const fresh = await listConnections(fx.users.viewer, { org: 'acme', project: 'shop', component: 'hello' });
    expect(fresh.items[0]).toMatchObject({ redeployToApply: [], appliedIn: ['development'] });
    await publishMarketplaceEntry(fx.users['platform-engineer'], { org: 'acme', runId: 'run-9', resource: ordersDb() });
    const stale = await listConnections(fx.users.viewer, { org: 'acme', project: 'shop', component: 'hello' });
    expect(stale.items[0].redeployToApply).toEqual(['development']);
    await updateConnection(fx.users.developer, { org: 'acme', project: 'shop', component: 'hello', name: 'orders', env: { Password: 'DB_PASSWORD' } });
    expect((await connectionEnv(d.db, target)).env).toEqual({ DB_HOST: 'db.dev.internal', DB_PASSWORD: SECRET });
  });

  it('lists Organization endpoints as Service entries with their URL per environment, and connects to them', async () => {
    await putEndpoints(fx.users.developer, { org: 'acme', project: 'core', component: 'api', yaml: 'version: 0.1\nendpoints:\n  - { name: rest, port: 8080, type: REST, networkVisibility: Organization, context: /v1 }\n' });
    const listed = await listMarketplaceEntries(fx.users.viewer, { org: 'acme', category: 'Service' });
    expect(listed.items).toEqual([expect.objectContaining({ name: 'core.api.rest', source: 'endpoint', versions: ['v1'] })]);
    const portName = (await d.db.query.component.findFirst({ where: (c, { eq: e }) => e(c.id, ids.api.id) }))!.ports.find((p) => p.port === 8080)!.name;
    await d.db.insert(deployment).values({ organizationId: ids.orgId, componentId: ids.api.id, environmentId: ids.dev, releaseId: ids.api.releaseId, status: 'active', triggeredByType: 'system', triggeredByLabel: 't', endpoints: [{ name: portName, url: 'http://127.0.0.1:41234' }] });
    const got = await getMarketplaceEntry(fx.users.viewer, { org: 'acme', entry: 'core.api.rest' });
    expect(got.versions[0].environments.find((e) => e.environment === 'development')).toMatchObject({ available: true, parameters: [{ key: 'URL', value: 'http://127.0.0.1:41234/v1' }] });
    await createConnection(fx.users.developer, { org: 'acme', project: 'shop', name: 'core-api', entry: 'core.api.rest', version: 'v1' });
    const { env } = await connectionEnv(d.db, { projectId: ids.hello.projectId, componentId: ids.hello.id, environmentId: ids.dev });
    expect(env.CORE_API_URL).toBe('http://127.0.0.1:41234/v1');
    await expect(deleteMarketplaceEntry(fx.users.admin, { org: 'acme', entry: 'core.api.rest' })).rejects.toMatchObject({ code: 'conflict' });
    await deleteConnection(fx.users.developer, { org: 'acme', project: 'shop', name: 'core-api' });
    expect((await listConnections(fx.users.viewer, { org: 'acme', project: 'shop' })).items).toEqual([]);
  });
});
