import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { component, project } from '@/db/schema';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { useTestApp } from './testing';
import * as endpoints from '@/app/api/v1/orgs/[org]/projects/[project]/components/[component]/endpoints/route';
import * as files from '@/app/api/v1/orgs/[org]/projects/[project]/components/[component]/schema-files/route';
import * as oneFile from '@/app/api/v1/orgs/[org]/projects/[project]/components/[component]/schema-files/[name]/route';

/** The endpoints routes over HTTP semantics: statuses, the 422's problems, the upload limit. */

let d: Database;
let auth: Record<string, string>;
const params = { org: 'acme', project: 'shop', component: 'web' };
const base = 'http://127.0.0.1/api/v1/orgs/acme/projects/shop/components/web';
const req = (path: string, method: string, body?: string) => new Request(`${base}${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, body });
const ctx = <P>(p: P) => ({ params: Promise.resolve(p) });

beforeAll(async () => {
  d = await testDatabase();
  useTestApp(d);
  await orgWithMembers(d.db, 'acme');
  await createProject(system(d.db), { org: 'acme', name: 'shop', displayName: 'Shop' });
  const reg = await createRegistry(system(d.db), 'acme', { displayName: 'r', authType: 'anonymous', host: '127.0.0.1:1' });
  const [p] = await d.db.select().from(project);
  await d.db.insert(component).values({ organizationId: p.organizationId, projectId: p.id, name: 'web', displayName: 'Web', type: 'service', registryId: reg.id, repository: '127.0.0.1:1/t/web', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] });
  auth = { authorization: `Bearer ${(await createApiKey(system(d.db), 'acme', { name: 'dev', role: 'developer' })).key}` };
});
afterAll(() => d.close());

describe('endpoints REST', () => {
  it('PUT answers 422 with every problem placed, and GET still shows the template', async () => {
    const yaml = 'version: 0.1\nendpoints:\n  - name: web\n    port: 99999\n    type: REST\n    networkVisibility: Everyone\n    context: /\n';
    const res = await endpoints.PUT(req('/endpoints', 'PUT', JSON.stringify({ yaml })), ctx(params));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.message).toMatch(/^endpoints.yaml line 4, column 11: The port is between 1 and 65535\. \(and 1 more\)$/);
    expect(body.error.details.problems.map((p: { line: number; column: number }) => [p.line, p.column])).toEqual([[4, 11], [6, 24]]);
    const got = await (await endpoints.GET(req('/endpoints', 'GET'), ctx(params))).json();
    expect(got).toMatchObject({ saved: false, exposedPorts: [8080] });
  });

  it('PUT saves a valid file; the body cannot retarget another component', async () => {
    const yaml = 'version: 0.1\nendpoints:\n  - { name: web, port: 8080, type: REST, networkVisibility: Public, context: /web }\n';
    const res = await endpoints.PUT(req('/endpoints', 'PUT', JSON.stringify({ yaml, component: 'other' })), ctx(params));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ saved: true, endpoints: [{ name: 'web', visibilities: ['Public'] }] });
    const notObject = await endpoints.PUT(req('/endpoints', 'PUT', JSON.stringify('version: 0.1')), ctx(params));
    expect(notObject.status).toBe(422);
  });

  it('POST a schema file: 201, listed with its operations; bad file 422 with position; 5 MB 413; DELETE 204', async () => {
    const content = 'openapi: 3.0.3\ninfo: { title: T, version: "1" }\npaths:\n  /hi: { get: { summary: Hi, responses: { "200": { description: ok } } } }\n';
    const up = await files.POST(req('/schema-files', 'POST', JSON.stringify({ name: 'api.yaml', content })), ctx(params));
    expect(up.status).toBe(201);
    const list = await (await files.GET(req('/schema-files', 'GET'), ctx(params))).json();
    expect(list.items).toEqual([expect.objectContaining({ name: 'api.yaml', kind: 'openapi', summary: expect.objectContaining({ operations: [{ method: 'GET', path: '/hi', summary: 'Hi' }] }) })]);

    const bad = await files.POST(req('/schema-files', 'POST', JSON.stringify({ name: 's.graphql', content: 'type Query {\n  a: Int\n' })), ctx(params));
    expect(bad.status).toBe(422);
    expect((await bad.json()).error).toMatchObject({ code: 'invalid', details: { line: 3 } });

    const big = await files.POST(req('/schema-files', 'POST', JSON.stringify({ name: 'big.yaml', content: 'x'.repeat(5 * 1024 * 1024) })), ctx(params));
    expect(big.status).toBe(413);
    expect((await big.json()).error.message).toBe('The schema file is 5.0 MiB; the limit is 1 MiB.');

    const gone = await oneFile.DELETE(req('/schema-files/api.yaml', 'DELETE'), ctx({ ...params, name: 'api.yaml' }));
    expect(gone.status).toBe(204);
    expect((await oneFile.GET(req('/schema-files/api.yaml', 'GET'), ctx({ ...params, name: 'api.yaml' }))).status).toBe(404);
  });
});
