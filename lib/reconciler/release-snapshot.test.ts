import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchServed } from '@/lib/testing/in-network';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { component, deployment, release } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { createComponent } from '@/lib/services/components/create-component';
import { getComponent } from '@/lib/services/components/get-component';
import { listReleases } from '@/lib/services/components/list-releases';
import { setConfig } from '@/lib/services/configs/set-config';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { deploy } from '@/lib/services/deployments/deploy';
import { promote } from '@/lib/services/deployments/promote';
import { putEndpoints } from '@/lib/services/endpoints/put-endpoints';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { settled, testReconciler } from './testing';

// A release is the whole workload: rollback and promotion run what ran, not today's settings.
let d: Database;
let reg: TestRegistry;
let rec: Awaited<ReturnType<typeof testReconciler>>;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
const creds = { username: 'ci', password: 'snap-Pa55word' };
const target = { org: 'acme', project: 'shop', component: 'snap' };
const dev = () => fx.users.developer;
/** What the deployment's container serves at `path` (its endpoint is Project/Organization: not on the host, reached at its address). */
const get = async (row: { endpoints: { url: string }[] | null; releaseId: string }, path: string) => (await fetchServed(row.endpoints![0].url, path, { 'gantry.release': row.releaseId })).text();
const endpointsYaml = (visibility: string, context: string) =>
  `version: 0.1\nendpoints:\n  - name: api\n    port: 8080\n    type: REST\n    networkVisibility: ${visibility}\n    context: ${context}\n`;
const active = async (env = 'development') => (await componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'snap' })).find((c) => c.name === env)!.active!;
const latest = async (env = 'development') => (await componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'snap' })).find((c) => c.name === env)!.latest!;
const releaseOf = async (releaseId: string) => (await d.db.select().from(release).where(eq(release.id, releaseId)))[0];

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 5)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'basic', ...creds })]);
  await pushImage(await buildTestImage({ message: 'snap 1.0' }), `${reg.host}/team/snap:1.0`, creds);
  await pushImage(await buildTestImage({ message: 'other 1.0' }), `${reg.host}/team/other:1.0`, creds);
  await pushImage(await buildTestImage({ message: 'crash', variant: 'exit-immediately' }), `${reg.host}/team/other:crash`, creds);
  fx = await orgWithMembers(d.db, 'acme');
  await createProject(dev(), { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Local', authType: 'basic', host: reg.host, ...creds });
  await createComponent(dev(), { org: 'acme', project: 'shop', name: 'snap', displayName: 'Snap', type: 'service', registryId: r.id, image: `${reg.host}/team/snap:1.0` });
  rec = await testReconciler(d.db);
}, 240_000);

afterAll(async () => {
  await rec?.stop();
  await Promise.all([d?.close(), reg?.stop()]);
}, 180_000);

describe('releases are whole-workload snapshots', () => {
  let first: string;

  it('records endpoints and config in the release it deploys', async () => {
    await putEndpoints(dev(), { ...target, yaml: endpointsYaml('Project', '/v1') });
    await setConfig(dev(), { org: 'acme', project: 'shop', component: 'snap', kind: 'file', key: '/www/config.txt', value: 'one' });
    await setConfig(dev(), { org: 'acme', project: 'shop', component: 'snap', kind: 'env', key: 'API_TOKEN', value: 's3cret-one', secret: true });
    const row = await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'snap', tag: '1.0' })).id);
    expect(row.status).toBe('active');
    expect(await get(row, '/config.txt')).toBe('one');
    first = row.releaseId;
    const rel = await releaseOf(first);
    expect(rel.workload).toMatchObject({ ports: [{ port: 8080 }], endpoints: [{ name: 'api', visibilities: ['Project'], context: '/v1' }] });
    expect(rel.config!.map((c) => c.key).sort()).toEqual(['/www/config.txt', 'API_TOKEN']);
    // The secret is frozen encrypted, never in clear.
    expect(JSON.stringify(rel.config)).not.toContain('s3cret-one');
    // Deploying the same tag with nothing changed reuses the release.
    const again = await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'snap', tag: '1.0' })).id);
    expect(again.releaseId).toBe(first);
  }, 180_000);

  it('changing endpoints or config and deploying makes a new release of the same digest', async () => {
    await putEndpoints(dev(), { ...target, yaml: endpointsYaml('Organization', '/v2') });
    const r = await setConfig(dev(), { org: 'acme', project: 'shop', component: 'snap', kind: 'file', key: '/www/config.txt', value: 'two' });
    expect(r.redeployed).toEqual(['development']);
    const viaConfig = await settled(d.db, (await latest()).id);
    expect(viaConfig.status).toBe('active');
    expect(await get(viaConfig, '/config.txt')).toBe('two');
    // A config change alone keeps the active release's endpoints: no live setting slips in.
    expect((await releaseOf(viaConfig.releaseId)).workload!.endpoints[0].context).toBe('/v1');
    const row = await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'snap', tag: '1.0' })).id);
    const rel = await releaseOf(row.releaseId);
    expect(row.releaseId).not.toBe(first);
    expect(rel.digest).toBe((await releaseOf(first)).digest);
    expect(rel.workload!.endpoints[0]).toMatchObject({ visibilities: ['Organization'], context: '/v2' });

    const releases = await listReleases(dev(), { org: 'acme', project: 'shop', component: 'snap' });
    expect(JSON.stringify(releases)).not.toContain('valueCiphertext');
    expect(releases[0].id).toBe(row.releaseId);
    expect(releases[0].changes).toMatchObject({ image: null, endpoints: { changed: ['api'] }, config: { added: [], removed: [], changed: [] } });
    expect(releases[1].changes).toMatchObject({ image: null, endpoints: { changed: [] }, config: { changed: ['/www/config.txt'] } });
  }, 180_000);

  it('a rollback reproduces the old endpoints and config', async () => {
    const row = await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'snap', releaseId: first })).id);
    expect(row.status, row.reason ?? '').toBe('active');
    expect(row.releaseId).toBe(first);
    expect(await get(row, '/config.txt')).toBe('one');
    expect((await releaseOf(row.releaseId)).workload!.endpoints[0]).toMatchObject({ visibilities: ['Project'], context: '/v1' });
  }, 180_000);

  it('a promotion runs the release as it was, not the live config', async () => {
    const accepted = await promote(dev(), { org: 'acme', project: 'shop', component: 'snap', from: 'development', to: 'staging' });
    expect(accepted.release.id).toBe(first);
    const row = await settled(d.db, accepted.id);
    expect(row.status).toBe('active');
    expect(await get(row, '/config.txt')).toBe('one');
  }, 180_000);

  it('a failed image-URL deploy leaves the component\'s repository unchanged; a successful one changes it', async () => {
    const repoBefore = (await getComponent(dev(), { org: 'acme', project: 'shop', component: 'snap' })).repository;
    expect(repoBefore).toBe(`${reg.host}/team/snap`);
    const failed = await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'snap', image: `${reg.host}/team/other:crash` })).id);
    expect(failed.status).toBe('failed');
    expect((await getComponent(dev(), { org: 'acme', project: 'shop', component: 'snap' })).repository).toBe(repoBefore);
    expect((await d.db.select({ r: component.repository }).from(component).where(eq(component.name, 'snap')))[0].r).toBe(repoBefore);
    // Tag deploys still resolve against the repository of the active release.
    expect((await deploy(dev(), { org: 'acme', project: 'shop', component: 'snap', tag: '1.0' })).release.image).toBe(`${reg.host}/team/snap:1.0`);
    await settled(d.db, (await latest()).id);
    const ok = await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'snap', image: `${reg.host}/team/other:1.0` })).id);
    expect(ok.status).toBe('active');
    expect((await getComponent(dev(), { org: 'acme', project: 'shop', component: 'snap' })).repository).toBe(`${reg.host}/team/other`);
    const actives = await d.db.select().from(deployment).where(eq(deployment.status, 'active'));
    expect(actives).toHaveLength(2);
    expect((await active()).image).toBe(`${reg.host}/team/other:1.0`);
  }, 180_000);
});
