import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { ciToken, deployment, webhookDelivery } from '@/db/schema';
import { startRouteServer } from '@/lib/api/route-server';
import { useTestApp } from '@/lib/api/testing';
import { ciSystems } from '@/lib/ci/snippets';
import { resetConfigForTests } from '@/lib/config';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { createComponent } from '@/lib/services/components/create-component';
import { updateComponent } from '@/lib/services/components/update-component';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { settled, testReconciler } from '@/lib/reconciler/testing';
import { buildTestImage, podmanEnv, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { createCiToken, revokeCiToken } from './tokens';

const run = promisify(execFile);
let d: Database;
let reg: TestRegistry;
let rec: Awaited<ReturnType<typeof testReconciler>>;
let server: Awaited<ReturnType<typeof startRouteServer>>;
let tokenA: string;
let tokenB: string;
const creds = { username: 'ci', password: 'ci-flow-Pa55' };

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const get = async (url: string) => (await fetch(url)).text();

beforeAll(async () => {
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'basic', ...creds })]);
  useTestApp(d);
  server = await startRouteServer();
  process.env.GANTRY_BASE_URL = server.url;
  resetConfigForTests();
  for (const v of ['1.0', '1.1', 'v2', 'feature-x']) await pushImage(await buildTestImage({ message: `hello ${v}` }), `${reg.host}/team/hello:${v}`, creds);
  await pushImage(await buildTestImage({ message: 'crash', variant: 'exit-immediately' }), `${reg.host}/team/hello:crash`, creds);
  await orgWithMembers(d.db, 'acme');
  await createProject(system(d.db), { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(system(d.db), { org: 'acme', displayName: 'Local', authType: 'basic', host: reg.host, ...creds });
  for (const name of ['hello', 'other', 'b1', 'b2', 'b3', 'b4', 'b5']) {
    await createComponent(system(d.db), { org: 'acme', project: 'shop', name, displayName: name, type: 'service', registryId: r.id, image: `${reg.host}/team/hello:1.0` });
  }
  tokenA = (await createCiToken(system(d.db), { org: 'acme', project: 'shop', component: 'hello', name: 'github' })).token;
  tokenB = (await createCiToken(system(d.db), { org: 'acme', project: 'shop', component: 'other', name: 'other' })).token;
  rec = await testReconciler(d.db);
}, 240_000);

afterAll(async () => {
  await rec?.stop();
  await run('sh', ['-c', `podman ps -aq --filter label=gantry.test-run=${rec?.run} | xargs -r podman rm -f -t 0`], { env: podmanEnv() }).catch(() => undefined);
  delete process.env.GANTRY_BASE_URL;
  resetConfigForTests();
  await Promise.all([server?.stop(), d?.close(), reg?.stop()]);
});

describe('the CI path, over real HTTP', () => {
  it('the generated curl snippet deploys a freshly pushed image and waits until it serves', async () => {
    const snippet = ciSystems.find((s) => s.id === 'curl')!.render({ baseUrl: server.url, repository: `${reg.host}/team/hello` });
    const { stdout } = await run('sh', ['-c', snippet], { env: { ...process.env, GANTRY_TOKEN: tokenA, IMAGE: `${reg.host}/team/hello:1.1` } });
    expect(stdout).toContain('Deployment status: active');
    const card = (await componentEnvironments(system(d.db), { org: 'acme', project: 'shop', component: 'hello' }))[0];
    expect(await get(card.active!.endpoints![0].url)).toContain('hello 1.1');
  });

  it('the snippet fails the CI job when the rollout fails', async () => {
    const snippet = ciSystems.find((s) => s.id === 'curl')!.render({ baseUrl: server.url, repository: `${reg.host}/team/hello` });
    const failed = await run('sh', ['-c', snippet], { env: { ...process.env, GANTRY_TOKEN: tokenA, IMAGE: `${reg.host}/team/hello:crash` } }).then(
      () => undefined,
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('Deployment status: failed');
  });

  it('answers a repeated Idempotency-Key with the first answer and creates nothing new', async () => {
    const first = await post('/api/v1/ci/deploy', { tag: '1.0', commit: 'abc123' }, { ...bearer(tokenA), 'idempotency-key': 'build-42' });
    const again = await post('/api/v1/ci/deploy', { tag: '1.0', commit: 'abc123' }, { ...bearer(tokenA), 'idempotency-key': 'build-42' });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    const a = await first.json();
    expect(await again.json()).toEqual(a);
    expect(a.statusUrl).toBe(`${server.url}/api/v1/ci/deployments/${a.deploymentId}`);
    const status = await (await fetch(`${a.statusUrl}?wait=60`, { headers: bearer(tokenA) })).json();
    expect(status).toMatchObject({ status: 'active', done: true });
    const rows = await d.db.select().from(webhookDelivery).where(eq(webhookDelivery.idempotencyKey, 'build-42'));
    expect(rows).toHaveLength(1);
    // The same image again, now active with the same settings: answered with the active
    // deployment, recorded as a delivery, nothing new queued.
    const deploymentsBefore = await d.db.select({ id: deployment.id }).from(deployment);
    const same = await post('/api/v1/ci/deploy', { tag: '1.0' }, bearer(tokenA));
    expect(same.status).toBe(202);
    expect(await same.json()).toMatchObject({ deploymentId: a.deploymentId, status: 'active' });
    expect(await d.db.select({ id: deployment.id }).from(deployment)).toHaveLength(deploymentsBefore.length);
    const [recorded] = await d.db.select().from(webhookDelivery).where(eq(webhookDelivery.deploymentId, a.deploymentId)).orderBy(desc(webhookDelivery.createdAt)).limit(1);
    expect(recorded.message).toMatch(/^The newest deployment \(active\) already has this image/);
  });

  it('applies the tag filter to registry push events and records why a push did not deploy', async () => {
    await updateComponent(system(d.db), { org: 'acme', project: 'shop', component: 'hello', tagFilter: 'v*' });
    const envelope = (tag: string) => ({ events: [{ action: 'push', target: { mediaType: 'application/vnd.oci.image.manifest.v1+json', repository: 'team/hello', tag }, request: { host: reg.host } }] });
    const ignored = await post('/api/v1/ci/registry-events/distribution', envelope('feature-x'), bearer(tokenA));
    expect(ignored.status).toBe(200);
    expect((await ignored.json()).deliveries[0]).toMatchObject({ result: 'ignored', message: 'The tag feature-x does not match the tag filter "v*".' });
    const accepted = await post(`/api/v1/ci/registry-events/distribution?token=${tokenA}`, envelope('v2'), {});
    expect(accepted.status).toBe(202);
    const delivery = (await accepted.json()).deliveries[0];
    expect(delivery.result).toBe('accepted');
    const row = await settled(d.db, delivery.deploymentId);
    expect(await get(row.endpoints![0].url)).toContain('hello v2');
    await updateComponent(system(d.db), { org: 'acme', project: 'shop', component: 'hello', tagFilter: null });
  });

  it('takes each sender\'s real payload: Harbor and self-hosted Quay deploy; Docker Hub and GHCR pushes for other registries are ignored with a reason', async () => {
    const harbor = { type: 'PUSH_ARTIFACT', event_data: { resources: [{ tag: '1.0', resource_url: `${reg.host}/team/hello:1.0` }], repository: { repo_full_name: 'team/hello' } } };
    const h = await (await post('/api/v1/ci/registry-events/harbor', harbor, bearer(tokenA))).json();
    expect(h.deliveries[0].result).toBe('accepted');
    const quay = { repository: 'team/hello', docker_url: `${reg.host}/team/hello`, updated_tags: ['1.0', '1.1'] };
    const q = await (await post('/api/v1/ci/registry-events/quay', quay, bearer(tokenA))).json();
    expect(q.deliveries.map((x: { result: string }) => x.result)).toEqual(['ignored', 'accepted']);
    expect((await settled(d.db, q.deliveries[1].deploymentId)).status).toBe('active');
    const hub = { push_data: { tag: '1.0' }, repository: { repo_name: 'team/hello' } };
    const dh = await (await post(`/api/v1/ci/registry-events/dockerhub?token=${tokenA}`, hub)).json();
    expect(dh.deliveries[0]).toMatchObject({ result: 'ignored', message: `The push is for docker.io, not this component's registry ${reg.host}.` });
    const gh = { action: 'published', package: { name: 'hello', owner: { login: 'team' }, package_version: { container_metadata: { tag: { name: '1.0' } } } } };
    expect((await (await post('/api/v1/ci/registry-events/ghcr', gh, bearer(tokenA))).json()).deliveries[0].result).toBe('ignored');
    expect((await post('/api/v1/ci/registry-events/gitea', {}, bearer(tokenA))).status).toBe(404);
  });
});

describe('token misuse and bad input', () => {
  it('refuses other, revoked, expired, malformed and missing tokens, and deploys nothing', async () => {
    const before = (await d.db.select({ n: sql<number>`count(*)::int` }).from(deployment))[0].n;
    const [aDeployment] = await d.db.select().from(deployment).innerJoin(ciToken, eq(ciToken.componentId, deployment.componentId)).where(eq(ciToken.name, 'github')).limit(1);
    expect((await fetch(`${server.url}/api/v1/ci/deployments/${aDeployment.deployment.id}`, { headers: bearer(tokenB) })).status).toBe(404);
    const revoked = await createCiToken(system(d.db), { org: 'acme', project: 'shop', component: 'hello', name: 'revoked' });
    await revokeCiToken(system(d.db), { org: 'acme', project: 'shop', component: 'hello', id: revoked.id });
    const expired = await createCiToken(system(d.db), { org: 'acme', project: 'shop', component: 'hello', name: 'expired', expiresInDays: 30 });
    await d.db.update(ciToken).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(ciToken.id, expired.id));
    const apiKey = (await createApiKey(system(d.db), { org: 'acme', name: 'admin', role: 'admin' })).key;
    for (const headers of [bearer(revoked.token), bearer(expired.token), bearer('gct_short'), bearer(tokenA.slice(0, -2) + 'xx'), {}, bearer(apiKey), { authorization: tokenA }]) {
      const res = await post('/api/v1/ci/deploy', { tag: '1.0' }, headers);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthenticated');
    }
    // A CI token opens nothing but the CI routes.
    expect((await fetch(`${server.url}/api/v1/orgs/acme/projects`, { headers: bearer(tokenA) })).status).toBe(401);
    // Another component's image URL is refused for this component only if it is on another registry.
    expect((await post('/api/v1/ci/deploy', { image: 'ghcr.io/evil/app:1' }, bearer(tokenA))).status).toBe(422);
    expect((await d.db.select({ n: sql<number>`count(*)::int` }).from(deployment))[0].n).toBe(before);
  });

  it('refuses unknown fields, several targets, bodies over 64 KiB, and rate-limits per token', async () => {
    expect((await post('/api/v1/ci/deploy', { tag: '1.0', branch: 'main' }, bearer(tokenB))).status).toBe(422);
    expect((await post('/api/v1/ci/deploy', { tag: '1.0', digest: 'sha256:' + 'a'.repeat(64) }, bearer(tokenB))).status).toBe(422);
    expect((await post('/api/v1/ci/deploy', '{"tag":', bearer(tokenB))).status).toBe(400);
    expect((await post('/api/v1/ci/deploy', { tag: '1.0', commit: 'x'.repeat(70 * 1024) }, bearer(tokenB))).status).toBe(413);
    expect((await post('/api/v1/ci/deploy', { tag: '9.9' }, bearer(tokenB))).status).toBe(404);
    process.env.GANTRY_CI_RATE_LIMIT = '3';
    try {
      const limited = await createCiToken(system(d.db), { org: 'acme', project: 'shop', component: 'other', name: 'limited' });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await post('/api/v1/ci/deploy', { tag: '1.0' }, bearer(limited.token))).status);
      expect(statuses.slice(0, 3).every((s) => s === 202)).toBe(true);
      const last = await post('/api/v1/ci/deploy', { tag: '1.0' }, bearer(limited.token));
      expect(last.status).toBe(429);
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      delete process.env.GANTRY_CI_RATE_LIMIT;
    }
    const rejected = await d.db.select().from(webhookDelivery).where(eq(webhookDelivery.result, 'rejected'));
    expect(rejected.length).toBeGreaterThanOrEqual(5);
  });
});

describe('a burst of webhooks', () => {
  it('200 webhooks over 5 components, then one more each: each ends serving its last request\'s image; every request is accounted for', async () => {
    const names = ['b1', 'b2', 'b3', 'b4', 'b5'];
    const tokens = await Promise.all(names.map(async (n) => (await createCiToken(system(d.db), { org: 'acme', project: 'shop', component: n, name: 'burst' })).token));
    const tags = ['1.0', '1.1', 'v2', 'feature-x'];
    const requests = Array.from({ length: 200 }, (_, i) => ({ c: i % 5, tag: tags[Math.floor(Math.random() * tags.length)] }));
    const answers: { c: number; tag: string; status: number; id?: string }[] = [];
    for (let i = 0; i < requests.length; i += 20) {
      await Promise.all(
        requests.slice(i, i + 20).map(async (r) => {
          const res = await post('/api/v1/ci/deploy', { tag: r.tag }, bearer(tokens[r.c]));
          const body = await res.json();
          answers.push({ ...r, status: res.status, id: body.deploymentId });
        }),
      );
    }
    // Requests in flight at the same time have no order of their own (on Postgres the one that
    // commits last wins), so each component's last request is sent after the burst, alone.
    const finals = new Map<number, string>();
    for (const c of names.keys()) {
      const tag = tags[Math.floor(Math.random() * tags.length)];
      const res = await post('/api/v1/ci/deploy', { tag }, bearer(tokens[c]));
      const body = await res.json();
      answers.push({ c, tag, status: res.status, id: body.deploymentId });
      finals.set(c, body.deploymentId);
    }
    expect(answers.filter((a) => a.status !== 202)).toEqual([]);
    const ids = answers.map((a) => a.id!);
    // Wait until nothing is queued or in flight, then check the outcome of every request.
    for (const id of ids) await settled(d.db, id, 120_000);
    const rows = await d.db.select().from(deployment).where(inArray(deployment.id, ids));
    // A request for what the newest deployment already does is answered with that deployment.
    expect(rows).toHaveLength(new Set(ids).size);
    expect(rows.filter((r) => r.status === 'failed')).toEqual([]);
    for (const [c, name] of names.entries()) {
      const mine = rows.filter((r) => answers.find((a) => a.id === r.id)!.c === c);
      const last = mine.find((r) => r.id === finals.get(c))!;
      expect(last.status).toBe('active');
      expect(mine.filter((r) => r.status === 'active')).toHaveLength(1);
      const tag = answers.find((a) => a.id === last.id)!.tag;
      const card = (await componentEnvironments(system(d.db), { org: 'acme', project: 'shop', component: name }))[0];
      expect(card.active!.id).toBe(last.id);
      expect(await get(card.active!.endpoints![0].url)).toContain(`hello ${tag}`);
    }
    const deliveries = await d.db.select().from(webhookDelivery).where(and(inArray(webhookDelivery.deploymentId, ids), eq(webhookDelivery.result, 'accepted')));
    expect(deliveries).toHaveLength(205);
  }, 300_000);
});
