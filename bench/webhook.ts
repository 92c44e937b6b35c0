// npm run bench:webhook — the deploy webhook under load on the built console (`next start`):
// 500 requests/s for 30 s (accept latency, errors, every request in the database) twice —
// the same tag again and again (already active: answered without a new deployment) and
// alternating tags (each request queues a deployment and supersedes the previous one) —
// then the floor: a bare node:http server on the same database doing the same token lookup
// and the same inserts (bench/webhook-floor.ts), under the same load. Then webhook → new
// container serving, side by side with the raw engine floor.
// Next to req/s and p99 it prints CPU time per answered request (the server's process tree and,
// on Postgres, its database backends, from /proc), for Gantry and the floor in the same run: on a
// shared, loaded machine that is the figure to compare, wall-clock ones are not.
// BENCH_RATE, BENCH_SECONDS and BENCH_RUNS (0 skips webhook → serving) scale it down.
// --cpu-prof writes CPU profiles of the console to .artifacts/webhook-prof/ and of the floor to
// .artifacts/webhook-prof/floor/ (read them with Chrome DevTools or
// `node bench/prof-top.mjs <file> --window <load label>`: only the samples taken during that load).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { webhookDelivery } from '@/db/schema';
import { measureRawFloor } from '@/lib/dataplane/engine/raw-floor';
import { createCiToken } from '@/lib/services/ci/tokens';
import { installationId } from '@/lib/dataplane/installation';
import { removeLabelled } from '@/lib/reconciler/testing';
import { freePort } from '@/lib/util/net';
import { cpuSpent, readCpu, type CpuReading } from './cpu';
import { firstServe, median, runBench, seedDeployWorld } from './fixtures';
import { startConsole, stopConsole } from './lib';

const rate = Number(process.env.BENCH_RATE ?? 500);
const loadSeconds = Number(process.env.BENCH_SECONDS ?? 30);
const runs = Number(process.env.BENCH_RUNS ?? 10);
const cpuProf = process.argv.includes('--cpu-prof');

interface Load {
  label: string;
  sent: number;
  ok: number;
  bad: number;
  non2xx: number;
  p50: number;
  p99: number;
  rate: number;
  /** CPU ms per 2xx answer: the server's process tree, and (Postgres) its database backends. */
  appMs: number;
  dbMs: number;
}

/** When each load ran, in µs of the monotonic clock V8 stamps profile samples with (bench/prof-top.mjs --window). */
const windows: { label: string; from: number; to: number }[] = [];

/**
 * CPU ms per second the server spends with no request at all (the engine's timers, the
 * drift watch, GC): subtracted from each load's reading, or a load the machine's contention
 * slowed down would be charged that background for each of its fewer requests.
 */
async function idleCpuPerSecond(cpu: () => Promise<CpuReading>) {
  const before = await cpu();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, 5000));
  const spent = cpuSpent(before, await cpu());
  return { appMs: (spent.appMs * 1000) / (performance.now() - t0), dbMs: (spent.dbMs * 1000) / (performance.now() - t0) };
}

/** Offers the load and reads the server's CPU time around it (`cpu` reads the server's processes), less its idle rate. */
async function load(label: string, url: string, headers: Record<string, string>, bodies: string[], cpu: () => Promise<CpuReading>, idle = { appMs: 0, dbMs: 0 }): Promise<Load> {
  const before = await cpu();
  const t0 = performance.now();
  const from = Number(process.hrtime.bigint() / 1000n);
  const r = await autocannon({ url, method: 'POST', headers, requests: bodies.map((body) => ({ body })), connections: 25, overallRate: rate, duration: loadSeconds });
  // autocannon stops with requests in flight: let the server finish them before reading.
  await new Promise((res) => setTimeout(res, 500));
  const raw = cpuSpent(before, await cpu());
  const seconds = (performance.now() - t0) / 1000;
  const spent = { appMs: Math.max(0, raw.appMs - idle.appMs * seconds), dbMs: Math.max(0, raw.dbMs - idle.dbMs * seconds) };
  windows.push({ label, from, to: Number(process.hrtime.bigint() / 1000n) });
  const ok = Math.max(1, r['2xx']);
  return { label, sent: r.requests.sent, ok: r['2xx'], bad: r.errors + r.non2xx, non2xx: r.non2xx, p50: r.latency.p50, p99: r.latency.p99, rate: r['2xx'] / loadSeconds, appMs: spent.appMs / ok, dbMs: spent.dbMs / ok };
}

/** Reads the CPU of the server `pid` and, on Postgres, of every backend of the bench's database. */
function cpuReader(pid: number, dbUrl: string | undefined) {
  return async () => {
    if (!dbUrl) return readCpu(pid);
    const { Client } = await import('pg');
    const client = new Client({ connectionString: dbUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      return readCpu(pid, rows.map((r) => Number(r.pid)));
    } finally {
      await client.end();
    }
  };
}

async function startFloor(env: Record<string, string>, floorPort: number, nodeArgs: string[]) {
  // One process (tsx as a loader, not its CLI, which runs the script in a child): what the CPU
  // reading and --cpu-prof see is the floor server itself.
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/webhook-floor.ts'], { env: { ...process.env, ...env, FLOOR_PORT: String(floorPort) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('LISTENING') && resolve());
    child.once('exit', (code) => reject(new Error(`the floor server exited (${code})`)));
  });
  return child;
}

async function main() {
  if (!fs.existsSync('.next/BUILD_ID')) throw new Error('Build first: npm run build');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-bench-webhook-'));
  process.env.GANTRY_DATA_DIR = dataDir;
  process.env.GANTRY_LOG_LEVEL = 'warn';
  // BENCH_DATABASE_URL runs the console on a real Postgres instead of the embedded PGlite.
  const dbUrl = process.env.BENCH_DATABASE_URL;
  const open = () => openDatabase(dbUrl ? { url: dbUrl } : { dataDir });
  const seeded = await open();
  const world = await seedDeployWorld(seeded.db);
  const { token } = await createCiToken(world.system, { org: 'bench', project: 'shop', component: 'hello', name: 'bench' });
  // What the console's engine creates carries this installation's id: cleanup removes exactly that.
  const installation = await installationId(seeded.db);
  await seeded.close();
  // Free loopback ports, no gateway: other consoles may run on this machine.
  const [port, floorPort] = [await freePort(), await freePort()];

  const profDir = path.resolve('.artifacts/webhook-prof');
  if (cpuProf) {
    fs.rmSync(profDir, { recursive: true, force: true });
    fs.mkdirSync(path.join(profDir, 'floor'), { recursive: true });
  }
  const server = await startConsole({ PORT: String(port), GANTRY_DATA_DIR: dataDir, ...(dbUrl ? { DATABASE_URL: dbUrl } : {}), GANTRY_BASE_URL: `http://127.0.0.1:${port}`, GANTRY_GATEWAY_LISTEN: 'off', GANTRY_CI_RATE_LIMIT: '1000000', GANTRY_LOG_LEVEL: 'warn' }, cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
  const url = `${server.baseUrl}/api/v1/ci/deploy`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  try {
    // Warm-up: the first deploy starts the engine and pulls the images.
    // b then a: a is active when the same-tag load starts.
    for (const tag of ['b', 'a']) {
      const accepted = await (await fetch(url, { method: 'POST', headers, body: JSON.stringify({ tag }) })).json();
      await fetch(`${accepted.statusUrl}?wait=120`, { headers });
    }

    const loadBefore = os.loadavg()[0];
    const consoleCpu = cpuReader(server.child.pid!, dbUrl);
    const consoleIdle = await idleCpuPerSecond(consoleCpu);
    const same = await load('Gantry, same tag (already active)', url, headers, [JSON.stringify({ tag: 'a' })], consoleCpu, consoleIdle);
    const alternating = await load('Gantry, alternating tags (new deployment each)', url, headers, [JSON.stringify({ tag: 'b' }), JSON.stringify({ tag: 'a' })], consoleCpu, consoleIdle);
    const loads = [same, alternating];

    // Let the queue settle, then measure webhook → serving.
    const last = await (await fetch(url, { method: 'POST', headers, body: JSON.stringify({ tag: 'b' }) })).json();
    await fetch(`${last.statusUrl}?wait=120`, { headers });
    const gantry: number[] = [];
    for (let i = 0; i < runs; i++) {
      const tag = i % 2 ? 'b' : 'a';
      const t0 = performance.now();
      const accepted = await (await fetch(url, { method: 'POST', headers, body: JSON.stringify({ tag }) })).json();
      const status = await (await fetch(`${accepted.statusUrl}?wait=120`, { headers })).json();
      if (status.status !== 'active') throw new Error(`webhook deploy ${i}: ${status.status} ${status.reason ?? ''}`);
      gantry.push((await firstServe(status.endpoints[0].url, `bench ${tag}`)) - t0);
    }
    const raw: number[] = [];
    for (let i = 0; i < runs; i++) raw.push((await measureRawFloor(world.pinned[i % 2 ? 'b' : 'a'], { tlsVerify: false })).firstByteMs);

    await stopConsole(server.child);
    const check = await open();
    const [{ n }] = await check.db.select({ n: sql<number>`count(*)::int` }).from(webhookDelivery);
    await check.close();
    // Every answered request must be recorded; requests autocannon abandoned when the load
    // stopped may still have been completed by the server, and are recorded too.
    const answered = loads.reduce((sum, l) => sum + l.ok + l.non2xx, 0) + 3 + runs;

    // The floor, on the same database once the console has let go of it (PGlite is one process).
    const floor = await startFloor(dbUrl ? { FLOOR_DATABASE_URL: dbUrl } : { FLOOR_DATA_DIR: dataDir }, floorPort, cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}/floor`] : []);
    let floorLoad: Load;
    let floorIdle = { appMs: 0, dbMs: 0 };
    try {
      const floorCpu = cpuReader(floor.pid!, dbUrl);
      floorIdle = await idleCpuPerSecond(floorCpu);
      floorLoad = await load('Floor: node:http + same lookup + same inserts', `http://127.0.0.1:${floorPort}/`, headers, [JSON.stringify({ tag: 'a' })], floorCpu, floorIdle);
    } finally {
      const exited = new Promise((r) => floor.once('exit', r));
      floor.kill('SIGTERM');
      await exited;
    }
    const loadAfter = os.loadavg()[0];
    if (cpuProf) for (const dir of [profDir, path.join(profDir, 'floor')]) fs.writeFileSync(path.join(dir, 'windows.json'), JSON.stringify(windows, null, 1));

    const g = median(gantry);
    const r = median(raw);
    console.log(`\nGantry webhook benchmark (${os.cpus().length} cores; ${rate} req/s offered for ${loadSeconds} s per load, 25 connections, on loopback; ${dbUrl ? 'Postgres' : 'embedded PGlite'})\n`);
    console.log(`Machine load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (other processes share these cores: figures are depressed, compare the ratio)\n`);
    console.log(`${'load'.padEnd(50)} ${'sent'.padStart(6)} ${'2xx'.padStart(6)} ${'errors'.padStart(6)} ${'2xx/s'.padStart(6)} ${'p50'.padStart(5)} ${'p99'.padStart(6)}  vs floor`);
    for (const l of [...loads, floorLoad]) {
      const ratio = l === floorLoad ? '' : `${((100 * l.rate) / Math.max(1, floorLoad.rate)).toFixed(0)} % of floor req/s (target ≥ 50 %), p99 ${l.p99 < 50 ? 'OK' : 'OVER'} (target < 50 ms)`;
      console.log(`${l.label.padEnd(50)} ${String(l.sent).padStart(6)} ${String(l.ok).padStart(6)} ${String(l.bad).padStart(6)} ${l.rate.toFixed(0).padStart(6)} ${String(l.p50).padStart(5)} ${String(l.p99).padStart(6)}  ${ratio}`);
    }
    // The load-independent figure: CPU time per answered request, the server's and (on Postgres)
    // its database backends'. Throughput on these 2 cores is at most 2000 / total ms.
    const floorCpu = floorLoad.appMs + floorLoad.dbMs;
    console.log(`\nIdle CPU (subtracted below): Gantry ${consoleIdle.appMs.toFixed(0)} ms/s${dbUrl ? ` + database ${consoleIdle.dbMs.toFixed(0)} ms/s` : ''}, floor ${floorIdle.appMs.toFixed(0)} ms/s${dbUrl ? ` + database ${floorIdle.dbMs.toFixed(0)} ms/s` : ''}`);
    console.log(`${'CPU time per 2xx answer'.padEnd(50)} ${'server'.padStart(9)} ${'database'.padStart(9)} ${'total'.padStart(9)}  ${'vs floor'.padStart(9)}  req/s that 2 idle cores allow`);
    for (const l of [...loads, floorLoad]) {
      const total = l.appMs + l.dbMs;
      const vs = l === floorLoad ? '' : `${(total / floorCpu).toFixed(2)} ×`;
      const db = dbUrl ? `${l.dbMs.toFixed(2)} ms` : 'in-proc';
      console.log(`${l.label.padEnd(50)} ${`${l.appMs.toFixed(2)} ms`.padStart(9)} ${db.padStart(9)} ${`${total.toFixed(2)} ms`.padStart(9)}  ${vs.padStart(9)}  ${(2000 / total).toFixed(0)}`);
    }
    console.log(`\nDeliveries in the database              ${n} for ${answered} answered requests   ${n >= answered ? 'all accounted for' : 'MISSING'}`);
    if (runs === 0) return;
    console.log(`Webhook → serving, p50                  ${g.toFixed(0)} ms (min ${Math.min(...gantry).toFixed(0)}, max ${Math.max(...gantry).toFixed(0)})`);
    console.log(`podman run -d → first byte, p50         ${r.toFixed(0)} ms (min ${Math.min(...raw).toFixed(0)}, max ${Math.max(...raw).toFixed(0)})`);
    console.log(`Ratio                                   ${(g / r).toFixed(2)}   target ≤ 2.00  ${g / r <= 2 ? 'OK' : 'OVER'}`);
  } finally {
    if (server.child.exitCode === null) await stopConsole(server.child);
    removeLabelled(`gantry.installation=${installation}`);
    await world.registry.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
