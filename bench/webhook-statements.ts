// npm run bench:webhook-statements — what one accepted webhook costs in round trips: SQL
// statements (every one the driver sends, BEGIN and COMMIT included) and HTTP requests to the
// registry, per kind of request, through the real route handlers on a real Postgres
// (BENCH_DATABASE_URL or TEST_DATABASE_URL) and a real registry. Counts, not times: they do not
// depend on the machine's load. (PGlite runs the same statements, without the network hop.)
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '@/db/client';
import { useTestApp } from '@/lib/api/testing';
import { createCiToken } from '@/lib/services/ci/tokens';
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

async function main() {
  if (!url) throw new Error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to an empty Postgres database');
  const d = await openDatabase({ url });
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
