import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { createComponent } from '@/lib/services/components/create-component';
import { deleteComponent } from '@/lib/services/components/delete-component';
import { deploy } from '@/lib/services/deployments/deploy';
import { putEndpoints } from '@/lib/services/endpoints/put-endpoints';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { buildTestImage, podmanEnv, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { settled, testReconciler } from '@/lib/reconciler/testing';
import { freePort } from '@/lib/util/net';
import { startGateway, type Gateway } from './caddy';
import { publicPath } from './routes';
import { registerGateway, removeComponentRoutes, syncGateway } from './runtime';

// The gateway wired to rollouts on real containers: a Public endpoint answers at its stable
// URL, and a client looping through a redeploy sees every request answered.
let d: Database;
let reg: TestRegistry;
let rec: Awaited<ReturnType<typeof testReconciler>>;
let gw: Gateway;
let dir: string;
const creds = { username: 'ci', password: 'gw-Pa55word' };
const dev = () => fx.users.developer;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
const yaml = (visibility: string) => `version: 0.1\nendpoints:\n  - name: web\n    port: 8080\n    type: REST\n    networkVisibility: ${visibility}\n    context: /\n`;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 6)]));
  dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-gw-rollout-'));
  [d, reg, gw] = await Promise.all([testDatabase(), startRegistry({ auth: 'basic', ...creds }), startGateway({ dataDir: dir, listen: `127.0.0.1:${await freePort()}` })]);
  registerGateway(gw);
  for (const v of ['1.0', '1.1']) await pushImage(await buildTestImage({ message: `web ${v}` }), `${reg.host}/team/web:${v}`, creds);
  fx = await orgWithMembers(d.db, 'acme');
  await createProject(dev(), { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Local', authType: 'basic', host: reg.host, ...creds });
  await createComponent(dev(), { org: 'acme', project: 'shop', name: 'web', displayName: 'Web', type: 'service', registryId: r.id, image: `${reg.host}/team/web:1.0` });
  rec = await testReconciler(d.db);
}, 240_000);

afterAll(async () => {
  registerGateway(undefined);
  await rec?.stop();
  await Promise.all([d?.close(), reg?.stop(), gw?.stop()]);
  await rm(dir, { recursive: true, force: true });
}, 180_000);

const url = () => `${gw.baseUrl}${publicPath({ org: 'acme', project: 'shop', component: 'web', env: 'development', context: '/' })}/`;
const containers = () => execFileSync('podman', ['ps', '-q', '--filter', `label=gantry.test-run=${rec.run}`, '--filter', 'label=gantry.component=web'], { env: podmanEnv() }).toString().trim().split('\n').filter(Boolean);

/**
 * GET on a connection of its own: a pooled keep-alive connection may still be held by the
 * server of Caddy's previous configuration for a moment after a load, and answer from it.
 */
const fresh = (u: string) =>
  new Promise<{ status: number; text(): Promise<string> }>((resolve, reject) => {
    http
      .get(u, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: async () => body }));
      })
      .on('error', reject);
  });

describe('the gateway follows rollouts', () => {
  it('serves a Project endpoint nowhere and a Public one at its stable URL', async () => {
    await putEndpoints(dev(), { org: 'acme', project: 'shop', component: 'web', yaml: yaml('Project') });
    expect((await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'web', tag: '1.0' })).id)).status).toBe('active');
    expect((await fetch(url())).status).toBe(404);
    await putEndpoints(dev(), { org: 'acme', project: 'shop', component: 'web', yaml: yaml('Public') });
    expect((await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'web', tag: '1.0' })).id)).status).toBe('active');
    const res = await fetch(url());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('web 1.0\n');
  }, 180_000);

  it('answers every request of a client looping through a redeploy, old container stopped included', async () => {
    let stop = false;
    const seen = new Map<string, number>();
    const failures: string[] = [];
    let reconnects = 0;
    // Like a browser or Go's http.Transport: an idempotent GET sent on a keep-alive connection the
    // server closed or reset before answering (Caddy closes idle connections when its routes are reloaded)
    // is sent again once on a new connection. Any other error, or a second one, is a failure.
    const get = async () => {
      try {
        return await fetch(url());
      } catch (e) {
        if (!/other side closed|ECONNRESET/.test(String((e as Error).cause ?? e))) throw e;
        reconnects++;
        return fetch(url());
      }
    };
    const loop = async () => {
      while (!stop) {
        try {
          const res = await get();
          const body = (await res.text()).trim();
          if (res.status !== 200) failures.push(`${res.status} ${body}`);
          else seen.set(body, (seen.get(body) ?? 0) + 1);
        } catch (e) {
          failures.push(String((e as Error).cause ?? e));
        }
      }
    };
    const clients = [loop(), loop(), loop()];
    const row = await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'web', tag: '1.1' })).id);
    expect(row.status).toBe('active');
    // Keep asking until the replaced container is gone, then a little longer.
    const deadline = Date.now() + 60_000;
    while (containers().length > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const after = seen.get('web 1.1') ?? 0;
    while ((seen.get('web 1.1') ?? 0) < after + 30) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await Promise.all(clients);
    expect(containers()).toHaveLength(1);
    expect(failures).toEqual([]);
    // At most one closed keep-alive connection per client and route reload.
    expect(reconnects).toBeLessThanOrEqual(3 * 2);
    expect(seen.get('web 1.0')).toBeGreaterThan(0);
    expect(seen.get('web 1.1')).toBeGreaterThan(30);
  }, 180_000);

  it('rebuilds its routes from the active releases at boot', async () => {
    // A gateway that starts empty (a restarted Gantry) and is synced once, as lib/boot.ts does.
    const dir2 = await mkdtemp(path.join(os.tmpdir(), 'gantry-gw-boot-'));
    const gw2 = await startGateway({ dataDir: dir2, listen: `127.0.0.1:${await freePort()}` });
    const url2 = url().replace(gw.baseUrl, gw2.baseUrl);
    try {
      expect((await fresh(url2)).status).toBe(404);
      registerGateway(gw2);
      await syncGateway(d.db);
      expect(await (await fresh(url2)).text()).toBe('web 1.1\n');
    } finally {
      registerGateway(gw);
      await gw2.stop();
      await rm(dir2, { recursive: true, force: true });
    }
  }, 60_000);

  it("takes a component's routes off while it is being removed, and puts them back when the removal fails", async () => {
    const owner = { org: 'acme', project: 'shop', component: 'web' };
    const during = await removeComponentRoutes(d.db, owner, async () => (await fresh(url())).status);
    expect(during).toBe(404);
    await expect(
      removeComponentRoutes(d.db, owner, async () => {
        expect((await fresh(url())).status).toBe(404);
        throw new Error('the data plane did not answer');
      }),
    ).rejects.toThrow('the data plane did not answer');
    // Its rows are still there: routed again.
    expect(await (await fresh(url())).text()).toBe('web 1.1\n');
  }, 60_000);

  it('drops the route when a redeploy makes the endpoint Project', async () => {
    await putEndpoints(dev(), { org: 'acme', project: 'shop', component: 'web', yaml: yaml('Project') });
    expect((await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'web', tag: '1.1' })).id)).status).toBe('active');
    expect((await fresh(url())).status).toBe(404);
    await putEndpoints(dev(), { org: 'acme', project: 'shop', component: 'web', yaml: yaml('Public') });
    expect((await settled(d.db, (await deploy(dev(), { org: 'acme', project: 'shop', component: 'web', tag: '1.1' })).id)).status).toBe('active');
    expect(await (await fresh(url())).text()).toBe('web 1.1\n');
  }, 180_000);

  it('deleting the component removes its routes with its containers', async () => {
    await deleteComponent(fx.users.admin, { org: 'acme', project: 'shop', component: 'web' });
    expect((await fresh(url())).status).toBe(404);
    expect(containers()).toEqual([]);
  }, 120_000);
});
