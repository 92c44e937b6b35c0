import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent, deployment } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { createComponent } from '@/lib/services/components/create-component';
import { listReleases } from '@/lib/services/components/list-releases';
import { deleteConfig } from '@/lib/services/configs/delete-config';
import { setConfig } from '@/lib/services/configs/set-config';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { deploy } from '@/lib/services/deployments/deploy';
import { getDeployment } from '@/lib/services/deployments/get-deployment';
import { promote } from '@/lib/services/deployments/promote';
import { runtimeLogs } from '@/lib/services/deployments/runtime-logs';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { useDatabaseForTests } from '@/db';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import * as envRoute from '@/app/api/v1/orgs/[org]/projects/[project]/components/[component]/environments/[env]/route';
import { buildTestImage, podmanEnv, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { claimNext } from './claim';
import { checkDrift } from './drift';
import { settled, testReconciler } from './testing';

let d: Database;
let reg: TestRegistry;
let rec: Awaited<ReturnType<typeof testReconciler>>;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
const digests: Record<string, string> = {};

const get = async (url: string) => (await fetch(url)).text();
const endpointOf = (row: { endpoints: { url: string }[] | null }) => row.endpoints![0].url;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 3)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'basic', username: 'ci', password: 'flow-Pa55word' })]);
  const creds = { username: 'ci', password: 'flow-Pa55word' };
  for (const v of ['1.0', '1.1']) digests[v] = (await pushImage(await buildTestImage({ message: `hello ${v}` }), `${reg.host}/team/hello:${v}`, creds)).digest;
  await pushImage(await buildTestImage({ message: 'crash', variant: 'exit-immediately' }), `${reg.host}/team/hello:crash`, creds);
  fx = await orgWithMembers(d.db, 'acme');
  await createProject(fx.users.developer, { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(fx.users.admin, 'acme', { displayName: 'Local', authType: 'basic', host: reg.host, username: 'ci', password: 'flow-Pa55word' });
  await createComponent(fx.users.developer, { org: 'acme', project: 'shop', name: 'hello', displayName: 'Hello', type: 'service', registryId: r.id, image: `${reg.host}/team/hello:1.0` });
  rec = await testReconciler(d.db);
}, 240_000);

afterAll(async () => {
  await rec?.stop(); // removes this run's containers and networks
  await Promise.all([d?.close(), reg?.stop()]);
});

const dev = () => fx.users.developer;

describe('deploying images to real containers', () => {
  it('deploys 1.0 and serves it', async () => {
    const accepted = await deploy(dev(), { org: 'acme', project: 'shop', component: 'hello', tag: '1.0' });
    expect(accepted).toMatchObject({ status: 'queued', environment: 'development', release: { digest: digests['1.0'] } });
    const row = await settled(d.db, accepted.id);
    expect(row.status).toBe('active');
    expect(await get(endpointOf(row))).toContain('hello 1.0');
    const history = await getDeployment(dev(), { org: 'acme', id: accepted.id });
    expect(history.events.map((e) => e.status)).toEqual(['queued', 'resolving', 'pulling', 'starting', 'health-checking', 'active']);
  });

  it('updates the tag to 1.1, and the old container is replaced', async () => {
    const row = await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'hello', tag: '1.1' })).id);
    expect(row.status).toBe('active');
    expect(await get(endpointOf(row))).toContain('hello 1.1');
    const cards = await componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'hello' });
    expect(cards[0].active?.digest).toBe(digests['1.1']);
    const all = await d.db.select().from(deployment).where(eq(deployment.status, 'active'));
    expect(all).toHaveLength(1);
  });

  it('rolls back to the previous image by digest, even after the tag moved', async () => {
    const moved = await pushImage(await buildTestImage({ message: 'hello moved' }), `${reg.host}/team/hello:1.0`, { username: 'ci', password: 'flow-Pa55word' });
    expect(moved.digest).not.toBe(digests['1.0']);
    const releases = await listReleases(dev(), { org: 'acme', project: 'shop', component: 'hello' });
    const first = releases.find((r) => r.digest === digests['1.0'])!;
    const row = await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'hello', releaseId: first.id })).id);
    expect(row.status).toBe('active');
    expect(await get(endpointOf(row))).toContain('hello 1.0');
  });

  it('promotes the same digest to staging', async () => {
    const accepted = await promote(dev(), { org: 'acme', project: 'shop', component: 'hello', from: 'development', to: 'staging' });
    expect(accepted.release.digest).toBe(digests['1.0']);
    const row = await settled(d.db, accepted.id);
    expect(row.status).toBe('active');
    expect(await get(endpointOf(row))).toContain('hello 1.0');
    await expect(promote(dev(), { org: 'acme', project: 'shop', component: 'hello', from: 'staging', to: 'development' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('fails a crashing image with its reason and keeps the previous release serving', async () => {
    const before = (await componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'hello' }))[0].active!;
    const row = await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'hello', tag: 'crash' })).id);
    expect(row.status).toBe('failed');
    expect(row.reason).toMatch(/exit/i);
    const after = (await componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'hello' }))[0].active!;
    expect(after.id).toBe(before.id);
    expect(await get(endpointOf(after))).toContain('hello 1.0');
  });

  it('applies a config change as a new deployment of the same image', async () => {
    const r = await setConfig(dev(), { org: 'acme', project: 'shop', component: 'hello', kind: 'file', key: '/www/config.txt', value: 'from config', environment: 'development' });
    expect(r.redeployed).toEqual(['development']);
    const cards = await componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'hello' });
    const row = await settled(d.db, cards[0].latest!.id);
    expect(row.status).toBe('active');
    expect(await get(`${endpointOf(row)}/config.txt`)).toBe('from config');
  });

  it('a config change that fails to roll out leaves the previous container serving, with a reason', async () => {
    // A file under the image's binary (the runtime cannot put it), then a file over the binary itself.
    for (const [key, reason] of [
      ['/bin/busybox/x', /not a directory/],
      ['/bin/busybox', /permission denied|exec format|exited/i],
    ] as const) {
      const before = (await componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'hello' }))[0].active!;
      const r = await setConfig(dev(), { org: 'acme', project: 'shop', component: 'hello', kind: 'file', key, value: 'oops', environment: 'development' });
      const row = await settled(d.db, (await componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'hello' }))[0].latest!.id);
      expect(row.status).toBe('failed');
      expect(row.reason).toMatch(reason);
      expect(row.reason).not.toMatch(/\/var\/lib\/containers|overlay/);
      const card = (await componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'hello' }))[0];
      expect(card.active!.id).toBe(before.id);
      expect(await get(`${endpointOf(card.active!)}/config.txt`)).toBe('from config');
      await deleteConfig(dev(), { org: 'acme', project: 'shop', component: 'hello', id: r.id });
      expect((await settled(d.db, (await componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'hello' }))[0].latest!.id)).status).toBe('active');
    }
  });

  it('resumes a deployment left in flight by a process that died', async () => {
    await rec.reconciler.stop();
    const accepted = await deploy(dev(), { org: 'acme', project: 'shop', component: 'hello', tag: '1.1' });
    const claimed = await claimNext(d.db, new Set());
    expect(claimed?.id).toBe(accepted.id);
    // The "old process" dies here: the row stays in flight. A new reconciler takes it back.
    const { startReconciler } = await import('.');
    rec.reconciler = await startReconciler({ db: d.db, singleProcess: true, driverFor: rec.driverFor, pollMs: 100, retry: { attempts: 3, baseMs: 50 } });
    const row = await settled(d.db, accepted.id);
    expect(row.status).toBe('active');
    expect(await get(endpointOf(row))).toContain('hello 1.1');
  });

  it('reads runtime logs only where a release is active', async () => {
    // (The driver's own tests prove the log lines themselves; busybox httpd prints nothing here.)
    const lines: string[] = [];
    for await (const line of await runtimeLogs(dev(), { org: 'acme', project: 'shop', component: 'hello', environment: 'development', tail: 50 })) lines.push(line);
    expect(lines).toEqual([]);
    await expect(runtimeLogs(dev(), { org: 'acme', project: 'shop', component: 'hello', environment: 'production' })).rejects.toMatchObject({ code: 'conflict', message: 'Nothing is running in production yet.' });
    await expect(runtimeLogs(dev(), { org: 'acme', project: 'shop', component: 'hello', environment: 'nowhere' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses bad input without writing anything', async () => {
    await expect(deploy(dev(), { org: 'acme', project: 'shop', component: 'hello', tag: '9.9' })).rejects.toMatchObject({ message: expect.stringMatching(/9\.9/) });
    await expect(deploy(dev(), { org: 'acme', project: 'shop', component: 'hello', tag: '1.0', image: `${reg.host}/team/hello:1.0` })).rejects.toMatchObject({ code: 'invalid' });
    await expect(deploy(dev(), { org: 'acme', project: 'shop', component: 'hello', image: 'ghcr.io/other/app:1' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(deploy(fx.users.viewer, { org: 'acme', project: 'shop', component: 'hello', tag: '1.0' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setConfig(dev(), { org: 'acme', project: 'shop', component: 'hello', kind: 'env', key: '1BAD', value: 'x' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(setConfig(dev(), { org: 'acme', project: 'shop', component: 'hello', kind: 'env', key: 'BIG', value: 'x'.repeat(1024 * 1024), secret: true })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('fails with a clear reason when the registry goes down during the deploy, after retrying', async () => {
    await pushImage(await buildTestImage({ message: 'hello 2.0' }), `${reg.host}/team/hello:2.0`, { username: 'ci', password: 'flow-Pa55word' });
    const accepted = await deploy(dev(), { org: 'acme', project: 'shop', component: 'hello', tag: '2.0' });
    await reg.stop();
    const row = await settled(d.db, accepted.id);
    expect(row.status).toBe('failed');
    expect(row.reason).toMatch(/registry|connect|refused|pull/i);
    const events = (await getDeployment(dev(), { org: 'acme', id: accepted.id })).events;
    expect(events.filter((e) => e.message?.includes('Retrying'))).toHaveLength(2);
    const active = (await componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'hello' }))[0].active!;
    expect(await get(endpointOf(active))).toContain('hello 1.1');
  });

  it('notices when the active container exited or was removed by hand, and says so on the environment', async () => {
    expect(await checkDrift(d.db, rec.driverFor)).toEqual(expect.arrayContaining([expect.objectContaining({ environment: 'development', from: null, to: 'running' })]));
    const card = () => componentEnvironments(dev(), { org: 'acme', project: 'shop', component: 'hello' }).then((c) => c[0]);
    expect(await card()).toMatchObject({ status: 'active', statusReason: null });
    const ids = () => execFileSync('podman', ['ps', '-aq', '--filter', `label=gantry.test-run=${rec.run}`, '--filter', 'label=gantry.environment=development'], { env: podmanEnv() }).toString().trim().split('\n').filter(Boolean);
    expect(ids()).toHaveLength(1);

    execFileSync('podman', ['stop', '-t', '0', ...ids()], { env: podmanEnv() });
    expect(await checkDrift(d.db, rec.driverFor)).toEqual([expect.objectContaining({ from: 'running', to: 'degraded' })]);
    expect(await card()).toMatchObject({ status: 'degraded', statusReason: expect.stringMatching(/exited with code/) });

    execFileSync('podman', ['rm', '-f', ...ids()], { env: podmanEnv() });
    expect(await checkDrift(d.db, rec.driverFor)).toEqual([expect.objectContaining({ from: 'degraded', to: 'missing' })]);
    expect(await card()).toMatchObject({ status: 'missing', statusReason: expect.stringMatching(/removed outside Gantry/) });
    // The REST answer says the same, to any member (here a viewer's API key).
    useDatabaseForTests(d);
    const key = (await createApiKey(system(d.db), 'acme', { name: 'drift', role: 'viewer' })).key;
    const params = { org: 'acme', project: 'shop', component: 'hello', env: 'development' };
    const res = await envRoute.GET(new Request('http://127.0.0.1/api/v1/orgs/acme/projects/shop/components/hello/environments/development', { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve(params) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'development', status: 'missing', statusReason: expect.stringMatching(/removed outside Gantry/) });
    // Nothing changed since: a second pass records nothing new.
    expect(await checkDrift(d.db, rec.driverFor)).toEqual([]);
    const audited = await d.db.select().from(auditEvent).where(eq(auditEvent.action, 'deployment.drift'));
    expect(audited.map((a) => a.data.to)).toEqual(expect.arrayContaining(['degraded', 'missing']));
    expect(audited[0]).toMatchObject({ actorType: 'system', targetLabel: 'shop/hello' });
  });

});
