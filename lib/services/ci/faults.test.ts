/**
 * The webhook under faults, on a Postgres cluster of this test's own: Postgres restarted
 * under load answers 503 with Retry-After (never 500, never a hang) and work resumes by
 * itself; a registry that accepts connections and never answers gets a clear error within
 * the timeout while other requests keep being answered.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '@/db/client';
import { component, containerRegistry } from '@/db/schema';
import { startRouteServer } from '@/lib/api/route-server';
import { useTestApp } from '@/lib/api/testing';
import { createComponent } from '@/lib/services/components/create-component';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startPostgresCluster } from '@/lib/testing/postgres-cluster';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { freePort } from '@/lib/util/net';
import { createCiToken } from './tokens';

let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;
let d: Database;
let reg: TestRegistry;
let server: Awaited<ReturnType<typeof startRouteServer>>;
let hanging: net.Server;
const held: net.Socket[] = [];
const tokens: Record<string, string> = {};

const deploy = async (name: string) => {
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/v1/ci/deploy`, { method: 'POST', headers: { authorization: `Bearer ${tokens[name]}`, 'content-type': 'application/json' }, body: JSON.stringify({ tag: '1' }) });
  const body = await res.json();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body, ms: performance.now() - t0 };
};

beforeAll(async () => {
  process.env.GANTRY_CI_RATE_LIMIT = '100000';
  [cluster, reg] = await Promise.all([startPostgresCluster(), startRegistry({ auth: 'anonymous' })]);
  await pushImage(await buildTestImage({ message: 'faults 1' }), `${reg.host}/team/faults:1`);
  // Accepts connections and never answers a byte.
  const hangPort = await freePort();
  hanging = net.createServer((s) => held.push(s));
  await new Promise<void>((r) => hanging.listen(hangPort, '127.0.0.1', r));
  d = await openDatabase({ url: cluster.url });
  useTestApp(d);
  await orgWithMembers(d.db, 'acme');
  await createProject(system(d.db), { org: 'acme', name: 'shop', displayName: 'Shop' });
  const good = await createRegistry(system(d.db), 'acme', { displayName: 'Local', authType: 'anonymous', host: reg.host });
  const bad = await createRegistry(system(d.db), 'acme', { displayName: 'Hangs', authType: 'anonymous', host: reg.host });
  for (const [name, r] of [['ok', good], ['hang', bad]] as const) {
    await createComponent(system(d.db), { org: 'acme', project: 'shop', name, displayName: name, type: 'service', registryId: r.id, image: `${reg.host}/team/faults:1` });
    tokens[name] = (await createCiToken(system(d.db), 'acme', 'shop', name, { name: 'ci' })).token;
  }
  // Then the second registry moves to the host that never answers (creating resolves the image).
  const hangHost = `127.0.0.1:${hangPort}`;
  await d.db.update(containerRegistry).set({ host: hangHost }).where(eq(containerRegistry.id, bad.id));
  await d.db.update(component).set({ repository: `${hangHost}/team/faults` }).where(eq(component.name, 'hang'));
  server = await startRouteServer();
}, 240_000);

afterAll(async () => {
  delete process.env.GANTRY_CI_RATE_LIMIT;
  for (const s of held) s.destroy();
  hanging?.close();
  // The throwaway cluster goes first: a pooled connection that died mid-transaction during the
  // restart may never be handed back, and pool.end() would wait for it forever (cleanup only).
  cluster?.destroy();
  await server?.stop();
  await Promise.race([d?.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5_000).unref())]);
  await reg?.stop();
});

describe('the webhook under faults', () => {
  it('answers 503 with Retry-After while Postgres restarts, never 500 or a hang, and accepts again by itself after', async () => {
    const results: { status: number; retryAfter: string | null; ms: number; at: number }[] = [];
    let phase: 'before' | 'down' | 'after' = 'before';
    let loading = true;
    const t0 = performance.now();
    const clients = Array.from({ length: 4 }, async () => {
      while (loading) {
        const r = await deploy('ok');
        results.push({ ...r, at: performance.now() - t0 });
        if (phase === 'down') await new Promise((res) => setTimeout(res, 100));
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    phase = 'down';
    cluster.stopServer();
    await new Promise((r) => setTimeout(r, 3000));
    cluster.startServer();
    phase = 'after';
    const restartedAt = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 4000));
    loading = false;
    await Promise.all(clients);

    const statuses = new Set(results.map((r) => r.status));
    expect([...statuses].filter((s) => s !== 202 && s !== 503)).toEqual([]);
    const unavailable = results.filter((r) => r.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.every((r) => r.retryAfter === '5')).toBe(true);
    // Never a hang: the pool gives up on a connection after 3 s.
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(6000);
    // Resumed by itself: the last requests after the restart were accepted.
    const after = results.filter((r) => r.at > restartedAt + 2000);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.status === 202)).toBe(true);
    console.log(`postgres restart: ${results.length} requests, ${unavailable.length} answered 503 + Retry-After, slowest ${Math.max(...results.map((r) => r.ms)).toFixed(0)} ms, ${after.length} accepted after the restart`);
  }, 60_000);

  it('answers a clear error within the timeout when the registry never answers, and keeps answering others meanwhile', async () => {
    const pending = deploy('hang');
    await new Promise((r) => setTimeout(r, 500));
    const other = await deploy('ok');
    expect(other.status).toBe(202);
    expect(other.ms).toBeLessThan(3000);
    const stuck = await pending;
    expect(stuck.status).toBe(503);
    expect(stuck.body.error.message).toMatch(/127\.0\.0\.1:\d+/);
    expect(stuck.ms).toBeLessThan(25_000);
    console.log(`hanging registry: answered ${stuck.status} in ${stuck.ms.toFixed(0)} ms: ${stuck.body.error.message}; another component's webhook meanwhile ${other.ms.toFixed(0)} ms`);
  }, 60_000);
});
