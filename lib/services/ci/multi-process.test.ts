/**
 * Several console processes on one Postgres: two engines, each on connection pools of its own
 * (what a second process has), and two HTTP servers — this process and a child process —
 * take a burst of webhooks for three components from both sides. Each deployment is rolled
 * out exactly once, never two rollouts in flight for one (component, environment), older
 * requests are superseded, and each component ends serving its last request's image.
 * On the embedded PGlite a second process is refused: it is one process by construction.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { deployment, deploymentEvent, webhookDelivery } from '@/db/schema';
import { startRouteServer } from '@/lib/api/route-server';
import { useTestApp } from '@/lib/api/testing';
import { createDriverFactory } from '@/lib/dataplane/drivers';
import { newInstallationId } from '@/lib/dataplane/installation';
import { registerDrivers } from '@/lib/dataplane/runtime';
import { startReconciler, type DriverFor, type Reconciler } from '@/lib/reconciler';
import { removeLabelled } from '@/lib/reconciler/testing';
import { createComponent } from '@/lib/services/components/create-component';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { createCiToken } from './tokens';

const base = process.env.TEST_DATABASE_URL || undefined;
const run = randomBytes(4).toString('hex');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-multi-'));
const cleanup: (() => Promise<unknown> | unknown)[] = [];

afterAll(async () => {
  for (const f of cleanup.reverse()) await Promise.resolve(f()).catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
}, 120_000);

async function ownDatabase(url: string) {
  const { Client } = await import('pg');
  const name = `gantry_multi_${run}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanup.push(async () => {
    const c = new Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function childServer(dbUrl: string, key: Buffer): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(process.cwd(), 'lib/api/route-server-process.ts')], {
    env: { ...process.env, GANTRY_TEST_DB_URL: dbUrl, GANTRY_TEST_KEY: key.toString('hex') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      const m = /LISTENING (\S+)/.exec(b.toString());
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the second server exited (${code}): ${stderr.slice(-2000)}`)));
  });
  return { url, child };
}

describe('several console processes', () => {
  it(base ? 'share one Postgres: each deployment rolled out once, one rollout in flight per component and environment, supersede kept' : 'are refused on the embedded PGlite: it is one process', async () => {
    if (!base) {
      const dataDir = path.join(tmp, 'data');
      const first = await openDatabase({ dataDir });
      cleanup.push(() => first.close());
      // A second console on the same data directory (the lock holds this process's pid, so
      // stand in for another process by writing a live foreign pid: our parent's).
      fs.writeFileSync(path.join(dataDir, 'gantry.lock'), String(process.ppid));
      await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by another Gantry process/);
      fs.writeFileSync(path.join(dataDir, 'gantry.lock'), String(process.pid));
      return;
    }
    process.env.GANTRY_CI_RATE_LIMIT = '100000';
    cleanup.push(() => delete process.env.GANTRY_CI_RATE_LIMIT);
    const dbUrl = await ownDatabase(base);
    const reg: TestRegistry = await startRegistry({ auth: 'anonymous' });
    cleanup.push(() => reg.stop());
    for (const tag of ['1', '2', '3']) await pushImage(await buildTestImage({ message: `multi ${tag}` }), `${reg.host}/team/multi:${tag}`);

    // Two "processes": each opens the database itself (its own request and engine pools).
    const a: Database = await openDatabase({ url: dbUrl });
    const b: Database = await openDatabase({ url: dbUrl });
    cleanup.push(() => a.close(), () => b.close());
    const key = randomBytes(32);
    useTestApp(a, key);
    await orgWithMembers(a.db, 'acme');
    await createProject(system(a.db), { org: 'acme', name: 'shop', displayName: 'Shop' });
    const r = await createRegistry(system(a.db), 'acme', { displayName: 'Local', authType: 'anonymous', host: reg.host });
    const names = ['m1', 'm2', 'm3'];
    const tokens: Record<string, string> = {};
    for (const name of names) {
      await createComponent(system(a.db), { org: 'acme', project: 'shop', name, displayName: name, type: 'service', registryId: r.id, image: `${reg.host}/team/multi:1` });
      tokens[name] = (await createCiToken(system(a.db), 'acme', 'shop', name, { name: 'ci' })).token;
    }

    // One container engine, as two consoles pointed at the same Docker host share one.
    const drivers = createDriverFactory({ dataDir: path.join(tmp, 'engine'), installation: newInstallationId(), extraLabels: { 'gantry.test-run': run } });
    cleanup.push(() => removeLabelled(`gantry.test-run=${run}`), () => drivers.stop());
    registerDrivers((plane) => drivers.driverFor(plane));
    const rollouts = { a: 0, b: 0 };
    const counting = (who: 'a' | 'b'): DriverFor => async (plane) => {
      rollouts[who]++;
      return drivers.driverFor(plane);
    };
    const engines: Reconciler[] = [];
    for (const [who, d] of [['a', a], ['b', b]] as const) {
      const rec = await startReconciler({ db: d.engineDb, singleProcess: false, driverFor: counting(who), pollMs: 100, concurrency: 2 });
      engines.push(rec);
      cleanup.push(() => rec.stop());
    }

    const here = await startRouteServer();
    cleanup.push(() => here.stop());
    const there = await childServer(dbUrl, key);
    cleanup.push(() => {
      there.child.kill('SIGTERM');
    });
    const servers = [here.url, there.url];

    // Sample the in-flight rows all through the burst: never two for one component.
    let sampling = true;
    let worstInFlight = 0;
    const sampler = (async () => {
      while (sampling) {
        const rows = await a.db
          .select({ n: sql<number>`count(*)::int` })
          .from(deployment)
          .where(inArray(deployment.status, ['resolving', 'pulling', 'starting', 'health-checking']))
          .groupBy(deployment.componentId, deployment.environmentId);
        worstInFlight = Math.max(worstInFlight, ...rows.map((x) => x.n));
        await new Promise((res) => setTimeout(res, 50));
      }
    })();

    const deploy = async (i: number, name: string, tag: string) => {
      const res = await fetch(`${servers[i % 2]}/api/v1/ci/deploy`, { method: 'POST', headers: { authorization: `Bearer ${tokens[name]}`, 'content-type': 'application/json' }, body: JSON.stringify({ tag }) });
      expect(res.status).toBe(202);
      return (await res.json()) as { deploymentId: string };
    };
    const accepted: string[] = [];
    // 60 requests from 6 concurrent clients, alternating servers, then each component's last alone.
    const jobs = Array.from({ length: 60 }, (_, i) => ({ i, name: names[i % 3], tag: String(1 + ((i * 7) % 3)) }));
    await Promise.all(
      Array.from({ length: 6 }, async (_, w) => {
        for (const j of jobs.filter((x) => x.i % 6 === w)) accepted.push((await deploy(j.i, j.name, j.tag)).deploymentId);
      }),
    );
    const last: Record<string, string> = { m1: '3', m2: '1', m3: '2' };
    for (const [n, name] of names.entries()) accepted.push((await deploy(n, name, last[name])).deploymentId);

    // Settled: nothing queued or in flight.
    const until = Date.now() + 180_000;
    for (;;) {
      const [{ n }] = await a.db.select({ n: sql<number>`count(*)::int` }).from(deployment).where(inArray(deployment.status, ['queued', 'resolving', 'pulling', 'starting', 'health-checking']));
      if (n === 0) break;
      if (Date.now() > until) throw new Error(`${n} deployments still waiting or in flight`);
      await new Promise((res) => setTimeout(res, 200));
    }
    sampling = false;
    await sampler;
    expect(worstInFlight).toBeLessThanOrEqual(1);

    // Every 202 has its delivery and its deployment.
    const deliveries = await a.db.select({ deploymentId: webhookDelivery.deploymentId }).from(webhookDelivery).where(eq(webhookDelivery.result, 'accepted'));
    expect(deliveries).toHaveLength(accepted.length);
    const all = await a.db.select().from(deployment);
    const ids = new Set(all.map((x) => x.id));
    expect(accepted.every((id) => ids.has(id))).toBe(true);

    // Rolled out exactly once: one claim ("resolving" event) per deployment, one attempt each;
    // a claimed deployment that finds a newer request is superseded before reaching the driver.
    const claims = await a.db.select({ id: deploymentEvent.deploymentId, n: sql<number>`count(*)::int` }).from(deploymentEvent).where(eq(deploymentEvent.status, 'resolving')).groupBy(deploymentEvent.deploymentId);
    expect(claims.every((c) => c.n === 1)).toBe(true);
    expect(all.filter((x) => x.attempts > 0).every((x) => x.attempts === 1)).toBe(true);
    expect(rollouts.a + rollouts.b).toBeGreaterThan(0);
    expect(rollouts.a + rollouts.b).toBeLessThanOrEqual(claims.length);
    expect(all.some((x) => x.status === 'superseded')).toBe(true);
    expect(all.filter((x) => x.status === 'failed')).toEqual([]);

    // Each component: exactly one active, serving its last request's image.
    for (const name of names) {
      const mine = await a.db.select().from(deployment).where(and(eq(deployment.status, 'active'), eq(deployment.componentId, (await componentId(a, name)))));
      expect(mine).toHaveLength(1);
      const body = await (await fetch(mine[0].endpoints![0].url)).text();
      expect(body).toContain(`multi ${last[name]}`);
    }
    console.log(`several processes: ${accepted.length} webhooks accepted over 2 servers, ${claims.length} rollouts (engine a ${rollouts.a}, engine b ${rollouts.b}), worst in flight per component ${worstInFlight}`);
  }, 400_000);
});

async function componentId(d: Database, name: string) {
  const rows = (await d.db.execute(sql`select id from component where name = ${name}`)) as unknown as { rows: { id: string }[] };
  return rows.rows[0].id;
}
