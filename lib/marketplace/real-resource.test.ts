import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent, deployment, deploymentEvent, marketplaceCredential } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { settled, testReconciler } from '@/lib/reconciler/testing';
import { fetchServed } from '@/lib/testing/in-network';
import { createComponent } from '@/lib/services/components/create-component';
import { setConfig } from '@/lib/services/configs/set-config';
import { deploy } from '@/lib/services/deployments/deploy';
import { putEndpoints } from '@/lib/services/endpoints/put-endpoints';
import { createConnection } from '@/lib/services/marketplace/create-connection';
import { getMarketplaceEntry } from '@/lib/services/marketplace/get-entry';
import { listConnections } from '@/lib/services/marketplace/list-connections';
import { listMarketplaceEntries } from '@/lib/services/marketplace/list-entries';
import { registerMarketplaceEntry } from '@/lib/services/marketplace/register-entry';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { buildTestImage, podman, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';

/**
 * Real parts end to end: a real HTTP service guarded by a generated password (busybox httpd
 * with Basic auth, deployed by Gantry on real Podman) is registered in the marketplace; a
 * component connects to it, deploys on real Podman, and its container uses the injected
 * values to fetch the guarded page, printing what it got. The password never appears in an
 * API response, an audit entry or a deployment's history.
 */

let d: Database;
let reg: TestRegistry;
let rec: Awaited<ReturnType<typeof testReconciler>>;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
const password = randomBytes(12).toString('hex');
const page = `resource-ok-${randomBytes(4).toString('hex')}`;

/** A busybox image whose start fetches http://HOST:PORT/ with Basic auth USER:PASSWORD with the connection's variables, prints it, then serves. */
async function buildClientImage() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-client-'));
  try {
    await copyFile(process.env.GANTRY_TEST_BUSYBOX ?? '/bin/busybox', path.join(dir, 'busybox'));
    await writeFile(path.join(dir, 'index.html'), 'client\n');
    // busybox-static's wget crashes here, so the request is written by hand through nc.
    const script =
      'B=/bin/busybox; A=$(printf "%s" "$RES_USERNAME:$RES_PASSWORD" | $B base64); ' +
      'R=$(printf "GET / HTTP/1.0\\r\\nAuthorization: Basic %s\\r\\n\\r\\n" "$A" | $B nc -w 5 "$RES_HOSTNAME" "$RES_PORT" | $B tail -n 1); ' +
      'echo "resource said: $R"; exec $B httpd -f -p 8080 -h /www';
    await writeFile(path.join(dir, 'Containerfile'), ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY index.html /www/index.html', 'EXPOSE 8080', `CMD ${JSON.stringify(['/bin/busybox', 'sh', '-c', script])}`, ''].join('\n'));
    const ref = 'localhost/gantry-test/connection-client:2';
    await podman(['build', '--quiet', '--timestamp', '0', '--pull=never', '-f', path.join(dir, 'Containerfile'), '-t', ref, dir]);
    return ref;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The one running container of a component, by the labels the driver puts on it. */
async function containerOf(component: string) {
  const ids = (await podman(['ps', '-q', '--filter', `label=gantry.test-run=${rec.run}`, '--filter', `label=gantry.component=${component}`])).stdout.split('\n').filter(Boolean);
  expect(ids).toHaveLength(1);
  return ids[0];
}

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 5)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  await pushImage(await buildTestImage({ message: page }), `${reg.host}/infra/guarded:1.0`);
  await pushImage(await buildClientImage(), `${reg.host}/shop/client:1.0`);
  fx = await orgWithMembers(d.db, 'acme');
  await createProject(fx.users.developer, { org: 'acme', name: 'infra', displayName: 'Infra' });
  await createProject(fx.users.developer, { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Local', authType: 'anonymous', host: reg.host });
  await createComponent(fx.users.developer, { org: 'acme', project: 'infra', name: 'guarded', displayName: 'Guarded', type: 'service', registryId: r.id, image: `${reg.host}/infra/guarded:1.0` });
  await createComponent(fx.users.developer, { org: 'acme', project: 'shop', name: 'client', displayName: 'Client', type: 'service', registryId: r.id, image: `${reg.host}/shop/client:1.0` });
  rec = await testReconciler(d.db);
}, 240_000);

afterAll(async () => {
  await rec?.stop();
  await Promise.all([d?.close(), reg?.stop()]);
});

describe('a real resource through the marketplace', () => {
  it('is registered, connected, injected on real Podman and used by the container; the password stays secret', async () => {
    // The resource: busybox httpd reads /etc/httpd.conf, here demanding Basic auth with the generated password.
    await setConfig(fx.users.developer, { org: 'acme', project: 'infra', component: 'guarded', kind: 'file', key: '/etc/httpd.conf', value: `/:svc:${password}\n`, secret: true });
    await putEndpoints(fx.users.developer, { org: 'acme', project: 'infra', component: 'guarded', yaml: 'version: 0.1\nendpoints:\n  - { name: web, port: 8080, type: REST, networkVisibility: Organization, context: / }\n' });
    const provider = await settled(d.db, (await deploy(fx.users.developer, { org: 'acme', project: 'infra', component: 'guarded', tag: '1.0' })).id, 90_000);
    expect(provider.status, provider.reason ?? '').toBe('active');
    // Without the password the page is refused: the resource really is guarded.
    // An Organization endpoint: not on the host; its address is the in-network name.
    expect(provider.endpoints![0].url).toBe('http://guarded.infra:8080');
    expect((await fetchServed(provider.endpoints![0].url, '/', { 'gantry.release': provider.releaseId })).status).toBe(401);
    const ip = 'guarded.infra';

    // The service's Organization endpoint is in the marketplace, with its development URL.
    const services = await listMarketplaceEntries(fx.users.viewer, { org: 'acme', category: 'Service' });
    expect(services.items.map((i) => i.name)).toContain('infra.guarded.web');
    const ep = await getMarketplaceEntry(fx.users.viewer, { org: 'acme', entry: 'infra.guarded.web' });
    expect(ep.versions[0].environments.find((e) => e.environment === 'development')).toMatchObject({ available: true, parameters: [{ key: 'URL', value: provider.endpoints![0].url }] });

    // A platform engineer registers it by hand with its in-network address and the password as a secret.
    await registerMarketplaceEntry(fx.users['platform-engineer'], {
      org: 'acme',
      name: 'guarded-store',
      version: '1.0',
      category: 'Storage',
      description: 'Guarded HTTP store',
      connectionCredentials: [{ environments: ['development'], parameters: [{ key: 'HOSTNAME', value: ip }, { key: 'PORT', value: '8080' }, { key: 'USERNAME', value: 'svc' }, { key: 'PASSWORD', value: password, isSecret: true }] }],
    });
    await createConnection(fx.users.developer, { org: 'acme', project: 'shop', component: 'client', name: 'res', entry: 'guarded-store', version: '1.0' });
    await createConnection(fx.users.developer, { org: 'acme', project: 'shop', component: 'client', name: 'guarded-api', entry: 'infra.guarded.web', version: 'v1' });

    const consumer = await settled(d.db, (await deploy(fx.users.developer, { org: 'acme', project: 'shop', component: 'client', tag: '1.0' })).id, 90_000);
    expect(consumer.status, consumer.reason ?? '').toBe('active');
    const id = await containerOf('client');
    // The container used the injected values: it fetched the guarded page with them.
    await expect.poll(async () => (await podman(['logs', id])).stdout, { timeout: 30_000 }).toContain(`resource said: ${page}`);
    const env = JSON.parse((await podman(['inspect', '-f', '{{json .Config.Env}}', id])).stdout) as string[];
    expect(env).toContain(`RES_HOSTNAME=${ip}`);
    expect(env).toContain(`GUARDED_API_URL=${provider.endpoints![0].url}`);
    expect((await listConnections(fx.users.viewer, { org: 'acme', project: 'shop', component: 'client' })).items.every((c) => c.redeployToApply.length === 0)).toBe(true);

    // Secret only on the data-plane path: not in responses, audit, deployment history or at rest in clear.
    const responses = JSON.stringify([await getMarketplaceEntry(fx.users.admin, { org: 'acme', entry: 'guarded-store' }), await listConnections(fx.users.admin, { org: 'acme', project: 'shop', component: 'client' })]);
    expect(responses).not.toContain(password);
    expect(JSON.stringify(await d.db.select().from(auditEvent))).not.toContain(password);
    expect(JSON.stringify([await d.db.select().from(deployment), await d.db.select().from(deploymentEvent)])).not.toContain(password);
    expect(JSON.stringify(await d.db.select().from(marketplaceCredential).where(eq(marketplaceCredential.key, 'PASSWORD')))).not.toContain(password);
  }, 240_000);

  it('fails a deployment before anything starts when its environment has no value', async () => {
    const before = (await podman(['ps', '-aq', '--filter', `label=gantry.test-run=${rec.run}`, '--filter', 'label=gantry.component=client'])).stdout.split('\n').filter(Boolean);
    const failed = await settled(d.db, (await deploy(fx.users.developer, { org: 'acme', project: 'shop', component: 'client', tag: '1.0', environment: 'staging' })).id, 90_000);
    expect(failed.status).toBe('failed');
    expect(failed.reason).toContain('Connection "res" (guarded-store@1.0) has no value for');
    expect(failed.reason).toContain('in staging');
    const after = (await podman(['ps', '-aq', '--filter', `label=gantry.test-run=${rec.run}`, '--filter', 'label=gantry.component=client'])).stdout.split('\n').filter(Boolean);
    expect(after).toEqual(before);
  }, 120_000);
});
