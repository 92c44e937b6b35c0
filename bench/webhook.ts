// npm run bench:webhook — the deploy webhook under load on the built console (`next start`):
// 500 requests/s for 30 s (accept latency, errors, every request in the database), then
// webhook → new container serving, side by side with the raw engine floor.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { webhookDelivery } from '@/db/schema';
import { containersConfPath } from '@/lib/dataplane/engine/podman-service';
import { measureRawFloor } from '@/lib/dataplane/engine/raw-floor';
import { createCiToken } from '@/lib/services/ci/tokens';
import { firstServe, median, seedDeployWorld } from './fixtures';
import { startConsole, stopConsole } from './lib';

const rate = Number(process.env.BENCH_RATE ?? 500);
const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const runs = Number(process.env.BENCH_RUNS ?? 10);

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
  const { token } = await createCiToken(world.system, 'bench', 'shop', 'hello', { name: 'bench' });
  await seeded.close();

  const server = await startConsole({ PORT: '3198', GANTRY_DATA_DIR: dataDir, ...(dbUrl ? { DATABASE_URL: dbUrl } : {}), GANTRY_BASE_URL: 'http://127.0.0.1:3198', GANTRY_CI_RATE_LIMIT: '100000000', GANTRY_LOG_LEVEL: 'warn' });
  const url = `${server.baseUrl}/api/v1/ci/deploy`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  try {
    // Warm-up: the first deploy starts the engine and pulls the images.
    for (const tag of ['a', 'b']) {
      const accepted = await (await fetch(url, { method: 'POST', headers, body: JSON.stringify({ tag }) })).json();
      await fetch(`${accepted.statusUrl}?wait=120`, { headers });
    }

    const load = await autocannon({ url, method: 'POST', headers, body: JSON.stringify({ tag: 'a' }), connections: 25, overallRate: rate, duration: seconds });
    const sent = load.requests.sent;
    const ok = load['2xx'];

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
    const answered = ok + load.non2xx + 3 + runs;

    const g = median(gantry);
    const r = median(raw);
    console.log(`\nGantry webhook benchmark (${os.cpus().length} cores; ${rate} req/s for ${seconds} s on loopback; ${dbUrl ? 'Postgres' : 'embedded PGlite'})\n`);
    console.log(`Requests sent / 2xx / errors+non-2xx   ${sent} / ${ok} / ${load.errors + load.non2xx}`);
    console.log(`Accept latency p50 / p90 / p99          ${load.latency.p50} / ${load.latency.p90} / ${load.latency.p99} ms   target p99 < 50 ms  ${load.latency.p99 < 50 ? 'OK' : 'OVER'}`);
    console.log(`Achieved rate                           ${(sent / seconds).toFixed(0)} req/s`);
    console.log(`Deliveries in the database              ${n} for ${answered} answered requests   ${n >= answered ? 'all accounted for' : 'MISSING'} (${sent - ok - load.non2xx} requests were still open when the load stopped)`);
    console.log(`Webhook → serving, p50                  ${g.toFixed(0)} ms (min ${Math.min(...gantry).toFixed(0)}, max ${Math.max(...gantry).toFixed(0)})`);
    console.log(`podman run -d → first byte, p50         ${r.toFixed(0)} ms (min ${Math.min(...raw).toFixed(0)}, max ${Math.max(...raw).toFixed(0)})`);
    console.log(`Ratio                                   ${(g / r).toFixed(2)}   target ≤ 2.00  ${g / r <= 2 ? 'OK' : 'OVER'}`);
  } finally {
    if (server.child.exitCode === null) await stopConsole(server.child);
    try {
      execFileSync('sh', ['-c', 'podman ps -aq --filter label=gantry.org=bench | xargs -r podman rm -f -t 0'], { env: { ...process.env, CONTAINERS_CONF: containersConfPath() }, stdio: 'ignore' });
    } catch {
      /* nothing left */
    }
    await world.registry.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
