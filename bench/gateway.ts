// npm run bench:gateway — the gateway (Caddy) measured in one run:
//  1. overhead: requests/s and p99 through the gateway vs straight to the upstream, alternating
//     rounds against the same upstream — a Node HTTP server (the gateway alone), then a real
//     container deployed by Gantry with a Public endpoint (its port published on loopback);
//     the target is a ratio ≥ 0.8 of direct throughput;
//  2. endpoint change → route live: a redeploy that makes the endpoint Public; when its stable
//     URL first answers, relative to the moment the deployment became active (target < 1 s;
//     negative: it answered before the deployment read active, as routes switch before that).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '@/db/client';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { startGateway, type Gateway } from '@/lib/gateway/caddy';
import { publicPath } from '@/lib/gateway/routes';
import { registerGateway } from '@/lib/gateway/runtime';
import { settled, testReconciler } from '@/lib/reconciler/testing';
import { deploy } from '@/lib/services/deployments/deploy';
import { putEndpoints } from '@/lib/services/endpoints/put-endpoints';
import { freePort } from '@/lib/util/net';
import { median, seedDeployWorld } from './fixtures';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const switches = Number(process.env.BENCH_SWITCHES ?? 4);
process.env.GANTRY_LOG_LEVEL ??= 'warn';

type Run = { rps: number; p99: number; errors: number };

async function run(url: string): Promise<Run> {
  const r = await autocannon({ url, connections, duration: seconds });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

function medianRun(xs: Run[]): Run {
  return [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)];
}

/**
 * Alternating rounds, median of each: on a shared machine the load drifts during a run, and
 * one direct round followed by one gateway round measured the drift as much as the gateway.
 */
async function compare(what: string, direct: string, via: string) {
  await run(direct); // warm-up
  const directs: Run[] = [];
  const vias: Run[] = [];
  for (let i = 0; i < rounds; i++) {
    directs.push(await run(direct));
    vias.push(await run(via));
  }
  const d = medianRun(directs);
  const v = medianRun(vias);
  console.log(`${what}`);
  console.log(`  direct : ${d.rps.toFixed(0)} req/s, p99 ${d.p99} ms, errors ${d.errors}`);
  console.log(`  gateway: ${v.rps.toFixed(0)} req/s, p99 ${v.p99} ms, errors ${v.errors}`);
  console.log(`  ratio (gateway / direct throughput, median of ${rounds} alternating ${seconds} s rounds, ${connections} connections): ${(v.rps / d.rps).toFixed(2)} (target ≥ 0.8)`);
}

/** Polls `url` on a connection of its own each time until it answers 200; returns Date.now() then. */
async function firstOk(url: string, stop: { done: boolean }): Promise<number | null> {
  const get = () =>
    new Promise<number>((resolve) => {
      http.get(url, { agent: false }, (res) => resolve(res.resume().statusCode ?? 0)).on('error', () => resolve(0));
    });
  while (!stop.done) {
    if ((await get()) === 200) return Date.now();
    await new Promise((r) => setTimeout(r, 5));
  }
  return null;
}

async function nodeUpstream(gw: Gateway) {
  const upstream = http.createServer((req, res) => res.end(`hello ${req.url}\n`));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const dial = `127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const target = { org: 'bench', project: 'node', component: 'hello', env: 'development', context: '/hello' };
  const t0 = performance.now();
  await gw.setRoutes([{ ...target, upstreams: [dial] }]);
  console.log(`route load (POST /load of one route): ${(performance.now() - t0).toFixed(0)} ms`);
  try {
    await compare('1a. a Node HTTP server on loopback (the gateway alone)', `http://${dial}/hello/x`, `${gw.baseUrl}${publicPath(target)}/x`);
  } finally {
    upstream.close();
  }
}

async function main() {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 9)]));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-bench-gateway-'));
  const gw = await startGateway({ dataDir: path.join(dataDir, 'gateway'), listen: `127.0.0.1:${await freePort()}` });
  registerGateway(gw);
  const d = await openDatabase({ dataDir: path.join(dataDir, 'db') });
  const world = await seedDeployWorld(d.db);
  const rec = await testReconciler(d.db);
  const ctx = { db: d.db, actor: { type: 'user' as const, userId: world.user.id, email: world.user.email, via: 'console' as const } };
  const where = { org: 'bench', project: 'shop', component: 'hello' };
  const yaml = (visibility: string) => `version: 0.1\nendpoints:\n  - name: web\n    port: 8080\n    type: REST\n    networkVisibility: ${visibility}\n    context: /\n`;
  const stableUrl = `${gw.baseUrl}${publicPath({ ...where, env: 'development', context: '/' })}/`;
  try {
    await nodeUpstream(gw);

    await putEndpoints(ctx, { ...where, yaml: yaml('Public') });
    const row = await settled(d.db, (await deploy(ctx, { ...where, tag: 'a' })).id);
    if (row.status !== 'active') throw new Error(`the bench deployment ${row.status}: ${row.reason}`);
    await compare('1b. a container deployed by Gantry (busybox httpd, one connection per request)', row.endpoints![0].url + '/', stableUrl);

    // 2. Project (no route) → Public: when does the stable URL answer, relative to active?
    const deltas: number[] = [];
    const totals: number[] = [];
    for (let i = 0; i < switches; i++) {
      const tag = i % 2 ? 'a' : 'b';
      await putEndpoints(ctx, { ...where, yaml: yaml('Project') });
      await settled(d.db, (await deploy(ctx, { ...where, tag })).id);
      if ((await fetch(stableUrl, { headers: { connection: 'close' } })).status !== 404) throw new Error('the route of a Project endpoint still answers');
      await putEndpoints(ctx, { ...where, yaml: yaml('Public') });
      const stop = { done: false };
      const t0 = Date.now();
      const live = firstOk(stableUrl, stop);
      const done = await settled(d.db, (await deploy(ctx, { ...where, tag })).id);
      const activeAt = done.finishedAt!.getTime();
      // Give it up to 10 s after active before calling it not live.
      const liveAt = await Promise.race([live, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
      stop.done = true;
      if (done.status !== 'active' || liveAt === null) throw new Error(`switch ${i}: ${done.status}, route ${liveAt === null ? 'not live 10 s after active' : 'live'}`);
      deltas.push(liveAt - activeAt);
      totals.push(liveAt - t0);
    }
    console.log(`2. endpoint made Public → stable URL answers (${switches} redeploys)`);
    console.log(`  relative to the deployment turning active: median ${median(deltas).toFixed(0)} ms, worst ${Math.max(...deltas)} ms (target < 1000; negative = before active) [${deltas.join(', ')}]`);
    console.log(`  from the deploy request: median ${median(totals).toFixed(0)} ms [${totals.join(', ')}]`);
    console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  } finally {
    registerGateway(undefined);
    await rec.stop();
    await world.registry.stop();
    await gw.stop();
    await d.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
