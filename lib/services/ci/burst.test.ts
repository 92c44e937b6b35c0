/**
 * A storm of webhooks: 1,000 requests over 10 components with random tags from 20 concurrent
 * clients, on a real engine (PGlite, and Postgres in the Postgres pass). Nothing lost (every
 * 202 has its delivery and its deployment), nothing stuck (nothing queued or in flight 60 s
 * after the burst), and each component ends serving its last accepted request's image.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { deployment, webhookDelivery } from '@/db/schema';
import { startRouteServer } from '@/lib/api/route-server';
import { useTestApp } from '@/lib/api/testing';
import { testReconciler } from '@/lib/reconciler/testing';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { createComponent } from '@/lib/services/components/create-component';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { createCiToken } from './tokens';

const tags = ['1', '2', '3', '4'];
const names = Array.from({ length: 10 }, (_, i) => `s${i}`);
let d: Database;
let reg: TestRegistry;
let rec: Awaited<ReturnType<typeof testReconciler>>;
let server: Awaited<ReturnType<typeof startRouteServer>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  process.env.GANTRY_CI_RATE_LIMIT = '100000';
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  useTestApp(d);
  for (const tag of tags) await pushImage(await buildTestImage({ message: `storm ${tag}` }), `${reg.host}/team/storm:${tag}`);
  await orgWithMembers(d.db, 'acme');
  await createProject(system(d.db), { org: 'acme', name: 'shop', displayName: 'Shop' });
  const r = await createRegistry(system(d.db), 'acme', { displayName: 'Local', authType: 'anonymous', host: reg.host });
  for (const name of names) {
    await createComponent(system(d.db), { org: 'acme', project: 'shop', name, displayName: name, type: 'service', registryId: r.id, image: `${reg.host}/team/storm:1` });
    tokens[name] = (await createCiToken(system(d.db), 'acme', 'shop', name, { name: 'ci' })).token;
  }
  rec = await testReconciler(d.db);
  server = await startRouteServer();
}, 240_000);

afterAll(async () => {
  delete process.env.GANTRY_CI_RATE_LIMIT;
  await rec?.stop();
  await server?.stop();
  await Promise.all([d?.close(), reg?.stop()]);
});

let resets = 0;
const unavailable: string[] = [];
const deploy = async (name: string, tag: string): Promise<{ name: string; tag: string; status: number; id?: string }> => {
  let res: Response;
  try {
    res = await fetch(`${server.url}/api/v1/ci/deploy`, { method: 'POST', headers: { authorization: `Bearer ${tokens[name]}`, 'content-type': 'application/json' }, body: JSON.stringify({ tag }) });
  } catch {
    // A kept-alive connection the server closed as it was reused (no answer): CI retries.
    resets++;
    return deploy(name, tag);
  }
  const body = (await res.json()) as { deploymentId?: string; error?: { message: string } };
  if (res.status === 503 && res.headers.get('retry-after')) {
    // "Come back later" (a registry or database too slow on a loaded machine): CI retries.
    unavailable.push(body.error?.message ?? '');
    await new Promise((r) => setTimeout(r, 500));
    return deploy(name, tag);
  }
  return { name, tag, status: res.status, id: body.deploymentId };
};

describe('a storm of webhooks', () => {
  it('1,000 over 10 components from 20 clients: 0 lost, 0 stuck after 60 s, each serving its last request', async () => {
    const queue = Array.from({ length: 1000 }, (_, i) => ({ name: names[i % names.length], tag: tags[Math.floor(Math.random() * tags.length)] }));
    const answers: Awaited<ReturnType<typeof deploy>>[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) answers.push(await deploy(job.name, job.tag));
      }),
    );
    const burstMs = performance.now() - t0;
    // Concurrent requests have no order of their own: each component's last is sent alone.
    const last = new Map<string, Awaited<ReturnType<typeof deploy>>>();
    for (const name of names) {
      const a = await deploy(name, tags[Math.floor(Math.random() * tags.length)]);
      answers.push(a);
      last.set(name, a);
    }
    expect(answers.filter((a) => a.status !== 202)).toEqual([]);

    // 0 lost: every 202 has its delivery and its deployment.
    const ids = answers.map((a) => a.id!);
    const deliveries = await d.db.select({ n: sql<number>`count(*)::int` }).from(webhookDelivery).where(and(inArray(webhookDelivery.deploymentId, [...new Set(ids)]), eq(webhookDelivery.result, 'accepted')));
    // At least: a request reset after the server recorded it is recorded too, then retried.
    expect(deliveries[0].n).toBeGreaterThanOrEqual(answers.length);
    expect(deliveries[0].n).toBeLessThanOrEqual(answers.length + resets);
    const rows = await d.db.select({ id: deployment.id }).from(deployment).where(inArray(deployment.id, [...new Set(ids)]));
    expect(rows).toHaveLength(new Set(ids).size);

    // 0 stuck: nothing waiting or in flight within 60 s of the burst.
    const settleStart = performance.now();
    for (;;) {
      const [{ n }] = await d.db.select({ n: sql<number>`count(*)::int` }).from(deployment).where(inArray(deployment.status, ['queued', 'resolving', 'pulling', 'starting', 'health-checking']));
      if (n === 0) break;
      if (performance.now() - settleStart > 60_000) throw new Error(`${n} deployments still queued or in flight 60 s after the burst`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const settleMs = performance.now() - settleStart;

    for (const name of names) {
      const card = (await componentEnvironments(system(d.db), { org: 'acme', project: 'shop', component: name }))[0];
      expect(card.active!.id).toBe(last.get(name)!.id);
      expect(await (await fetch(card.active!.endpoints![0].url)).text()).toContain(`storm ${last.get(name)!.tag}`);
    }
    const failed = await d.db.select({ n: sql<number>`count(*)::int` }).from(deployment).where(eq(deployment.status, 'failed'));
    console.log(`storm: ${answers.length} webhooks accepted in ${(burstMs / 1000).toFixed(1)} s (${((1000 * 1000) / burstMs).toFixed(0)} req/s), ${new Set(ids).size} deployments, ${failed[0].n} failed, settled ${(settleMs / 1000).toFixed(1)} s after, ${resets} connection resets and ${unavailable.length} 503s retried (${[...new Set(unavailable)].join(' | ')})`);
  }, 400_000);
});
