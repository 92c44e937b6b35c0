import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { dataPlane } from '@/db/schema';
import { captureLogs } from '@/lib/logger';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { kubeconfigFor, startKubeStandin, type KubeStandin } from '@/lib/testing/kube-api-standin';
import { freePort } from '@/lib/util/net';
import { useTestApp } from './testing';
import * as envs from '@/app/api/v1/orgs/[org]/environments/route';
import * as env from '@/app/api/v1/orgs/[org]/environments/[env]/route';
import * as planes from '@/app/api/v1/orgs/[org]/data-planes/route';
import * as plane from '@/app/api/v1/orgs/[org]/data-planes/[name]/route';
import * as planeTest from '@/app/api/v1/orgs/[org]/data-planes/[name]/test/route';
import * as health from '@/app/api/v1/health/route';

let d: Database;
let standin: KubeStandin;
let auth: Record<string, string>;
let orgId: string;
const token = 'rest-kube-token-never-echoed';

beforeAll(async () => {
  [d, standin] = await Promise.all([testDatabase(), startKubeStandin()]);
  useTestApp(d);
  orgId = (await orgWithMembers(d.db, 'acme')).org.id;
  auth = { authorization: `Bearer ${(await createApiKey(system(d.db), 'acme', { name: 'pe', role: 'platform-engineer' })).key}` };
}, 120_000);
afterAll(async () => {
  await Promise.all([d?.close(), standin?.stop()]);
});

const req = (url: string, method: string, body?: unknown, headers = auth) =>
  new Request(`http://127.0.0.1/api/v1/${url}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const p = <T extends object>(params: T) => ({ params: Promise.resolve({ org: 'acme', ...params }) });
const json = async (r: Response) => ({ status: r.status, body: r.status === 204 ? null : await r.json() });

describe('platform settings over REST', () => {
  it('shapes the promotion path', async () => {
    expect(await json(await envs.POST(req('orgs/acme/environments', 'POST', { name: 'qa', displayName: 'QA', dataPlane: 'local', position: 1 }), p({})))).toMatchObject({ status: 201, body: { name: 'qa', position: 1, dataPlane: 'local' } });
    expect(await json(await envs.PUT(req('orgs/acme/environments', 'PUT', { order: ['qa', 'development', 'staging', 'production'] }), p({})))).toMatchObject({ status: 200 });
    expect(await json(await env.PATCH(req('orgs/acme/environments/qa', 'PATCH', { name: 'test', displayName: 'Test' }), p({ env: 'qa' })))).toMatchObject({ status: 200, body: { name: 'test' } });
    expect(await json(await env.GET(req('orgs/acme/environments/test', 'GET'), p({ env: 'test' })))).toMatchObject({ status: 200, body: { position: 0, displayName: 'Test' } });
    expect((await json(await envs.GET(req('orgs/acme/environments', 'GET'), p({})))).body.items.map((e: { name: string }) => e.name)).toEqual(['test', 'development', 'staging', 'production']);
    expect((await env.DELETE(req('orgs/acme/environments/test', 'DELETE'), p({ env: 'test' }))).status).toBe(204);
    expect((await envs.PUT(req('orgs/acme/environments', 'PUT', { order: ['staging'] }), p({}))).status).toBe(422);
    expect((await envs.POST(req('orgs/acme/environments', 'POST', ['not', 'an', 'object']), p({}))).status).toBe(422);
    expect((await env.PATCH(req('orgs/acme/environments/nope', 'PATCH', { displayName: 'x' }), p({ env: 'nope' }))).status).toBe(404);
  });

  it('answers 503 for a cluster that is not there, stores nothing and echoes no credential', async () => {
    const bodies: string[] = [];
    const { lines } = await captureLogs(async () => {
      const dead = await planes.POST(req('orgs/acme/data-planes', 'POST', { name: 'dead', kind: 'kubernetes', kubeconfig: kubeconfigFor(`https://127.0.0.1:${await freePort()}`, token) }), p({}));
      const text = await dead.text();
      bodies.push(text);
      expect(dead.status).toBe(503);
      expect(JSON.parse(text).error.message).toMatch(/connection refused/);
      const exec = await planes.POST(req('orgs/acme/data-planes', 'POST', { name: 'ex', kind: 'kubernetes', kubeconfig: kubeconfigFor('https://k8s.example.com', token, { user: { exec: { command: 'sh' }, token } }) }), p({}));
      bodies.push(await exec.clone().text());
      expect(exec.status).toBe(422);
    });
    expect((await d.db.select().from(dataPlane).where(eq(dataPlane.organizationId, orgId))).map((r) => r.name)).toEqual(['local']);
    for (const text of [...bodies, lines]) expect(text).not.toContain(token);
  });

  it('attaches, tests, reports health and detaches a cluster that answers', async () => {
    const attached = await json(await planes.POST(req('orgs/acme/data-planes', 'POST', { name: 'eu', kind: 'kubernetes', kubeconfig: standin.kubeconfig(token) }), p({})));
    expect(attached).toMatchObject({ status: 201, body: { name: 'eu', health: { ok: true, version: 'v1.31.0-standin' } } });
    expect(JSON.stringify(attached)).not.toContain(token);
    expect(await json(await planeTest.POST(req('orgs/acme/data-planes/eu/test', 'POST'), p({ name: 'eu' })))).toMatchObject({ status: 200, body: { ok: true, permissions: expect.arrayContaining([{ verb: 'create', resource: 'cronjobs', group: 'batch', allowed: true }]) } });
    expect(await json(await plane.GET(req('orgs/acme/data-planes/eu', 'GET'), p({ name: 'eu' })))).toMatchObject({ status: 200, body: { settings: { server: standin.server }, health: { ok: true } } });
    // Health names the cluster only to its organisation's callers.
    const anonymous = await json(await health.GET(new Request('http://127.0.0.1/api/v1/health')));
    expect(anonymous.body.dataPlanes).toContainEqual(expect.objectContaining({ name: 'kubernetes', driver: 'kubernetes', ok: true }));
    expect(JSON.stringify(anonymous.body)).not.toMatch(/acme|"eu"/);
    const member = await json(await health.GET(new Request('http://127.0.0.1/api/v1/health', { headers: auth })));
    expect(member.body.dataPlanes).toContainEqual(expect.objectContaining({ name: 'eu', org: 'acme', ok: true }));
    expect((await plane.DELETE(req('orgs/acme/data-planes/eu', 'DELETE'), p({ name: 'eu' }))).status).toBe(204);
    expect((await plane.DELETE(req('orgs/acme/data-planes/local', 'DELETE'), p({ name: 'local' }))).status).toBe(409);
  });
});
