import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { project } from '@/db/schema';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { useTestApp } from './testing';
import * as projects from '@/app/api/v1/orgs/[org]/projects/route';
import * as health from '@/app/api/v1/health/route';
import * as openapi from '@/app/api/v1/openapi.json/route';

let d: Database;
let auth: Record<string, string>;
beforeAll(async () => {
  d = await testDatabase();
  useTestApp(d);
  await orgWithMembers(d.db, 'acme');
  auth = { authorization: `Bearer ${(await createApiKey(system(d.db), 'acme', { name: 'dev', role: 'developer' })).key}` };
});
afterAll(() => d.close());

const params = { params: Promise.resolve({ org: 'acme' }) };
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  projects.POST(new Request('http://127.0.0.1/api/v1/orgs/acme/projects', { method: 'POST', body, headers: { ...auth, 'content-type': 'application/json', ...headers } }), params);

describe('REST input handling', () => {
  it('creates with 201 and answers errors as { error: { code, message, details } }', async () => {
    const ok = await post(JSON.stringify({ name: 'web', displayName: 'Web' }));
    expect(ok.status).toBe(201);
    expect(ok.headers.get('x-request-id')).toBeTruthy();
    const dup = await post(JSON.stringify({ name: 'web', displayName: 'Web' }));
    expect(dup.status).toBe(409);
    expect(await dup.json()).toEqual({ error: { code: 'conflict', message: 'A project named "web" already exists in this organization.', details: { fields: { name: 'This name is taken.' } } } });
  });

  it('rejects unknown fields with 422 and writes nothing', async () => {
    const res = await post(JSON.stringify({ name: 'x1', displayName: 'X', owner: 'me' }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/Unrecognized key.*owner/i);
    expect((await d.db.select().from(project)).map((p) => p.name)).not.toContain('x1');
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await post('{"name": "x2",');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ code: 'invalid', message: 'The request body is not valid JSON.' });
  });

  it('rejects bodies over 1 MiB with 413, whatever Content-Length claims', async () => {
    const big = JSON.stringify({ name: 'x3', displayName: 'X', description: 'a'.repeat(1024 * 1024) });
    expect((await post(big)).status).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const lying = await projects.POST(
      new Request('http://127.0.0.1/api/v1/orgs/acme/projects', { method: 'POST', body: stream, headers: { ...auth, 'content-length': '10' }, duplex: 'half' } as RequestInit),
      params,
    );
    expect(lying.status).toBe(413);
  });

  it('answers a 10 kB name with a field error, not a 500', async () => {
    const res = await post(JSON.stringify({ name: 'a'.repeat(10_000), displayName: 'b'.repeat(10_000) }));
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).error.details.fields).sort()).toEqual(['displayName', 'name']);
  });

  it('reports health', async () => {
    const res = await health.GET(new Request('http://127.0.0.1/api/v1/health'));
    expect(res.status).toBe(200);
    // Every organisation's built-in plane is the one local engine: reported once, by no organisation's name.
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok', dataPlanes: [{ name: 'local', driver: 'docker' }] });
  });
});

describe('OpenAPI document', () => {
  it('describes every route handler and method', async () => {
    const doc = await (openapi.GET() as Response).json();
    expect(doc.openapi).toBe('3.1.0');
    const root = path.join(process.cwd(), 'app', 'api', 'v1');
    const missing: string[] = [];
    const walk = async (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (e.name === 'route.ts') {
          const pattern = '/api/v1/' + path.relative(root, dir).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/');
          const mod = await import(p);
          for (const m of ['get', 'post', 'put', 'patch', 'delete']) {
            if (typeof mod[m.toUpperCase()] === 'function' && !doc.paths[pattern]?.[m]) missing.push(`${m.toUpperCase()} ${pattern}`);
          }
        }
      }
    };
    await walk(root);
    expect(missing).toEqual([]);
    expect(doc.paths['/api/v1/orgs/{org}/projects'].post.requestBody.content['application/json'].schema.required).toEqual(['name', 'displayName']);
  });
});
