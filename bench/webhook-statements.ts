// npm run bench:webhook-statements — what one accepted webhook costs in round trips: SQL
// statements (every one the driver sends, BEGIN and COMMIT included) and HTTP requests to the
// registry, per kind of request, through the real route handlers on a real Postgres
// (BENCH_DATABASE_URL or TEST_DATABASE_URL) and a real registry. Counts, not times: they do not
// depend on the machine's load. (PGlite runs the same statements, without the network hop.)
// --cpu N: then N requests of each load kind one after another, in this process, and the CPU
// time per request (this process, and on Postgres its backends): the service's cost without
// Next.js, quick to measure after a change without a build. Without a database URL it runs on
// an in-memory PGlite (no statement counts there).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '@/db/client';
import { useTestApp } from '@/lib/api/testing';
import { createCiToken } from '@/lib/services/ci/tokens';
import { sql } from 'drizzle-orm';
import { cpuSpent, readCpu } from './cpu';
import { runBench, seedDeployWorld } from './fixtures';

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

let statements: string[] = [];
let registryRequests: string[] = [];

function count() {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
    statements.push(text.replace(/\s+/g, ' ').slice(0, 110));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const fetch0 = globalThis.fetch;
  globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const u = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    registryRequests.push(`${init?.method ?? 'GET'} ${new URL(u).pathname}`);
    return fetch0(input, init);
  }) as typeof fetch;
}

const cpuRuns = process.argv.includes('--cpu') ? Number(process.argv[process.argv.indexOf('--cpu') + 1]) : 0;
// The limit is not what is measured here.
if (cpuRuns) process.env.GANTRY_CI_RATE_LIMIT ??= '1000000';

async function main() {
  if (!url && !cpuRuns) throw new Error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to an empty Postgres database');
  const d = await openDatabase(url ? { url } : {});
  useTestApp(d, randomBytes(32));
  const world = await seedDeployWorld(d.db);
  const { token } = await createCiToken(world.system, { org: 'bench', project: 'shop', component: 'hello', name: 'bench' });
  const deploy = (await import('@/app/api/v1/ci/deploy/route')).POST;
  const event = (await import('@/app/api/v1/ci/registry-events/[source]/route')).POST;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const call = (body: unknown, extra: Record<string, string> = {}) =>
    deploy(new Request('http://127.0.0.1/api/v1/ci/deploy', { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
  const push = (tag: string) =>
    event(new Request('http://127.0.0.1/api/v1/ci/registry-events/distribution', { method: 'POST', headers, body: JSON.stringify({ events: [{ action: 'push', target: { repository: 'bench/hello', tag, mediaType: 'application/vnd.oci.image.manifest.v1+json' }, request: { host: world.registry.host } }] }) }), {
      params: Promise.resolve({ source: 'distribution' }),
    });
  // Warm: the first request of a process opens connections and fills caches.
  for (const tag of ['b', 'a']) await call({ tag });
  if (cpuRuns) {
    for (let i = 0; i < 20; i++) await (await call({ tag: i % 2 ? 'a' : 'b' })).text();
    const backends = async () => (url ? ((await d.db.execute(sql`select pid from pg_stat_activity where datname = current_database()`)) as unknown as { rows: { pid: number }[] }).rows.map((r) => Number(r.pid)) : []);
    console.log(`\nCPU per request, ${cpuRuns} requests each, one at a time, route handlers in this process (no Next.js), ${url ? 'Postgres' : 'in-memory PGlite'}\n`);
    for (const [label, body] of [['same tag', (_: number) => ({ tag: 'a' })], ['alternating tags', (i: number) => ({ tag: i % 2 ? 'a' : 'b' })]] as const) {
      const before = readCpu(process.pid, await backends(), false); // not the registry, a child of this process
      for (let i = 0; i < cpuRuns; i++) {
        const res = await call(body(i));
        if (res.status !== 202) throw new Error(`${label}: ${res.status} ${await res.text()}`);
        await res.text();
      }
      const spent = cpuSpent(before, readCpu(process.pid, await backends(), false));
      console.log(`${label.padEnd(20)} process ${(spent.appMs / cpuRuns).toFixed(2)} ms  database ${url ? `${(spent.dbMs / cpuRuns).toFixed(2)} ms` : 'in-proc'}  total ${((spent.appMs + spent.dbMs) / cpuRuns).toFixed(2)} ms`);
    }
    if (!url) return void (await Promise.all([world.registry.stop(), d.close()]));
  }
  count();
  const scenarios: [string, () => Promise<Response>][] = [
    ['deploy, same tag (newest already has it)', () => call({ tag: 'a' })],
    ['deploy, new tag (queues a deployment)', () => call({ tag: 'b' })],
    ['deploy, other tag again', () => call({ tag: 'a' })],
    ['deploy with a new Idempotency-Key', () => call({ tag: 'b' }, { 'idempotency-key': 'k1' })],
    ['deploy, Idempotency-Key replayed', () => call({ tag: 'b' }, { 'idempotency-key': 'k1' })],
    ['registry event, new tag', () => push('a')],
    ['registry event, same tag', () => push('a')],
  ];
  console.log(`\nRound trips per webhook (Postgres, real registry at ${world.registry.host})\n`);
  console.log(`${'request'.padEnd(44)} ${'status'.padStart(6)} ${'SQL'.padStart(4)} ${'registry'.padStart(8)}`);
  const verbose = process.argv.includes('--verbose');
  for (const [label, run] of scenarios) {
    statements = [];
    registryRequests = [];
    const res = await run();
    await res.text();
    console.log(`${label.padEnd(44)} ${String(res.status).padStart(6)} ${String(statements.length).padStart(4)} ${String(registryRequests.length).padStart(8)}`);
    if (verbose) for (const s of [...statements, ...registryRequests]) console.log(`    ${s}`);
  }
  await world.registry.stop();
  await d.close();
}

runBench(main);
