import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { createCiToken } from '@/lib/services/ci/tokens';
import { system } from '@/lib/services/testing/fixtures';
import { buildMatrixWorld } from './matrix-world';

/**
 * Bad input to every REST route (enumerated from disk, so a new route is covered at once):
 * a NUL byte in a body string, in a query parameter and in a path parameter, and ids of 36
 * characters that look like UUIDs but are not. Postgres refuses all of these; the answer
 * must be the caller's mistake (4xx), never a 500.
 */
const apiRoot = path.join(process.cwd(), 'app', 'api', 'v1');
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const nul = 'a\u0000b';
const fakeIds = ['aaaaaaaaa-aaa-aaaa-aaaa-aaaaaaaaaaaa', '------------------------------------', 'abcdef01234567890abcdef0123456789abc', '0123456789abcdef-0123456789abcdef-01'];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === 'route.ts' ? [p] : [];
  });
}

type Route = { file: string; method: string; pattern: string; keys: string[] };
let d: Database;
let stopWorld: () => Promise<void>;
let routes: Route[];
let apiKey: string;
let ciToken: string;
const good: Record<string, string> = { org: 'acme', project: 'base', component: 'web', env: 'development', source: 'distribution', userId: crypto.randomUUID(), id: crypto.randomUUID() };

beforeAll(async () => {
  d = await testDatabase();
  const w = await buildMatrixWorld(d);
  stopWorld = w.stop;
  apiKey = (await createApiKey(system(d.db), { org: 'acme', name: 'bad-input', role: 'admin' })).key;
  ciToken = (await createCiToken(system(d.db), { org: 'acme', project: 'base', component: 'web', name: 'bad-input' })).token;
  routes = [];
  for (const file of routeFiles(apiRoot)) {
    const segs = path.relative(apiRoot, path.dirname(file)).split(path.sep);
    const keys = segs.flatMap((s) => /^\[(.+)\]$/.exec(s)?.[1] ?? []);
    const pattern = '/api/v1/' + segs.map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/');
    const mod = await import(file);
    for (const m of methods) if (typeof mod[m] === 'function') routes.push({ file, method: m, pattern, keys });
  }
}, 180_000);
afterAll(async () => {
  await Promise.all([d?.close(), stopWorld?.()]);
});

async function call(route: Route, params: Record<string, string>, opts: { query?: string; body?: unknown } = {}) {
  const p = Object.fromEntries(route.keys.map((k) => [k, params[k] ?? good[k]]));
  const url = 'http://127.0.0.1:3000' + route.pattern.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(p[k])) + (opts.query ?? '');
  const auth = route.pattern.startsWith('/api/v1/ci/') ? ciToken : apiKey;
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const mod = await import(route.file);
  const res: Response = await mod[route.method](
    new Request(url, { method: route.method, headers: { authorization: `Bearer ${auth}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body }),
    { params: Promise.resolve(p) },
  );
  await res.body?.cancel();
  return res.status;
}

// Every field name a route's body has, each holding a NUL: whichever the verb reads, it meets one.
const nulBody = Object.fromEntries(
  ['name', 'displayName', 'description', 'slug', 'email', 'role', 'tag', 'image', 'digest', 'commit', 'buildUrl', 'releaseId', 'environment', 'from', 'to', 'key', 'value', 'kind', 'host', 'authType', 'username', 'password', 'registryId', 'type', 'yaml'].map((k) => [k, nul]),
);

describe('bad input never answers 500', () => {
  it('finds the routes, including every route with an id', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.keys.includes('id')).map((r) => `${r.method} ${r.pattern}`)).toContain('GET /api/v1/ci/deployments/{id}');
  });

  it('a NUL byte in a query parameter: 4xx on every route', async () => {
    const got: string[] = [];
    for (const r of routes) {
      const status = await call(r, {}, { query: `?wait=${encodeURIComponent(nul)}&cursor=${encodeURIComponent(nul)}&tail=1&x=${encodeURIComponent(nul)}` });
      // The public documents ignore their query; everything else refuses it.
      const ignoresQuery = r.pattern === '/api/v1/health' || r.pattern === '/api/v1/openapi.json';
      if (status >= 500 || (!ignoresQuery && status < 400)) got.push(`${r.method} ${r.pattern}: ${status}`);
    }
    expect(got).toEqual([]);
  }, 120_000);

  it('a NUL byte in a body string: 4xx on every route that takes a body', async () => {
    const got: string[] = [];
    for (const r of routes.filter((x) => ['POST', 'PUT', 'PATCH'].includes(x.method))) {
      for (const body of [nulBody, { tag: '1.0', commit: nul }, { events: [{ action: nul }] }, { [nul]: 'x' }]) {
        const status = await call(r, {}, { body });
        if (status < 400 || status >= 500) got.push(`${r.method} ${r.pattern} ${JSON.stringify(Object.keys(body))}: ${status}`);
      }
    }
    expect(got).toEqual([]);
  }, 180_000);

  it('a NUL byte in any path parameter: 4xx', async () => {
    const got: string[] = [];
    for (const r of routes) {
      for (const k of r.keys) {
        const status = await call(r, { [k]: nul });
        if (status < 400 || status >= 500) got.push(`${r.method} ${r.pattern} {${k}}: ${status}`);
      }
    }
    expect(got).toEqual([]);
  }, 120_000);

  it('a 36-character id that is not a UUID: 404 on every route with an id', async () => {
    const withId = routes.filter((r) => r.keys.includes('id'));
    expect(withId.length).toBeGreaterThanOrEqual(9);
    const got: string[] = [];
    for (const r of withId) {
      for (const id of fakeIds) {
        expect(id).toHaveLength(36);
        const status = await call(r, { id }, ['POST', 'PUT', 'PATCH'].includes(r.method) ? { body: {} } : {});
        if (status !== 404) got.push(`${r.method} ${r.pattern} ${id}: ${status}`);
      }
    }
    expect(got).toEqual([]);
  }, 120_000);
});
