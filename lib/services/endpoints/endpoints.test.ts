import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { auditEvent, component, componentEndpoints, schemaFile } from '@/db/schema';
import { createProject } from '../projects/create-project';
import { createRegistry } from '../registries/create-registry';
import { orgWithMembers, system } from '../testing/fixtures';
import { deleteSchemaFile } from './delete-schema-file';
import { getEndpoints } from './get-endpoints';
import { getSchemaFile } from './get-schema-file';
import { listSchemaFiles } from './list-schema-files';
import { putEndpoints } from './put-endpoints';
import { updateEndpoint } from './update-endpoint';
import { uploadSchemaFile } from './upload-schema-file';

let d: Database;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
let componentId: string;
const web = { org: 'acme', project: 'shop', component: 'web' };
const openapi = 'openapi: 3.1.0\ninfo: { title: Web, version: "1" }\npaths:\n  /hello:\n    get:\n      summary: Say hello\n      responses: { "200": { description: OK } }\n';
const yaml = (extra = '') => `version: 0.1\nendpoints:\n  - name: web\n    port: 8080\n    type: REST\n    networkVisibility: Public\n    context: /web\n${extra}`;

beforeAll(async () => {
  d = await testDatabase();
  fx = await orgWithMembers(d.db, 'acme');
  await orgWithMembers(d.db, 'globex');
  await createProject(system(d.db), { org: 'acme', name: 'shop', displayName: 'Shop' });
  // The image is beside the point here: a component row with the ports its image exposes.
  const reg = await createRegistry(system(d.db), 'acme', { displayName: 'r', authType: 'anonymous', host: '127.0.0.1:1' });
  const [proj] = await d.db.query.project.findMany({ where: (p, { eq }) => eq(p.name, 'shop') });
  const rows = await d.db
    .insert(component)
    .values([
      { organizationId: proj.organizationId, projectId: proj.id, name: 'web', displayName: 'Web', type: 'service', registryId: reg.id, repository: '127.0.0.1:1/team/web', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { organizationId: proj.organizationId, projectId: proj.id, name: 'job', displayName: 'Job', type: 'manual-task', registryId: reg.id, repository: '127.0.0.1:1/team/job', ports: [] },
    ])
    .returning();
  componentId = rows[0].id;
});
afterAll(() => d.close());

const saved = async () => (await d.db.select().from(componentEndpoints).where(eq(componentEndpoints.componentId, componentId)))[0];

describe('endpoints verbs', () => {
  it('starts from a template of the exposed ports, then saves and reads back the text', async () => {
    const before = await getEndpoints(fx.users.viewer, web);
    expect(before).toMatchObject({ saved: false, applies: true, endpoints: [{ name: 'web', port: 8080, type: 'REST', visibilities: ['Project'], context: '/' }], exposedPorts: [8080] });
    expect(before.yaml).toContain('port: 8080');
    const text = `# ours\n${yaml()}`;
    const out = await putEndpoints(fx.users.developer, { ...web, yaml: text });
    expect(out).toMatchObject({ saved: true, format: 'endpoints.yaml', endpoints: [{ name: 'web', port: 8080, visibilities: ['Public'], context: '/web' }] });
    expect(await getEndpoints(fx.users.viewer, web)).toMatchObject({ saved: true, yaml: text, updatedBy: expect.stringContaining('developer') });
    const [event] = await d.db.select().from(auditEvent).where(eq(auditEvent.action, 'endpoints.update'));
    expect(event).toMatchObject({ targetLabel: 'shop/web', data: { endpoints: ['web:REST:8080:Public'] } });
  });

  it('answers 422 with line and column and saves nothing', async () => {
    const before = await saved();
    const err = await putEndpoints(fx.users.developer, { ...web, yaml: yaml().replace('Public', 'Everyone') }).catch((e) => e);
    expect(err).toMatchObject({ code: 'invalid', message: expect.stringMatching(/^endpoints.yaml line 6, column 24: The network visibility is one of/) });
    expect(err.details.problems[0]).toMatchObject({ line: 6, column: 24, path: 'endpoints.0.networkVisibility' });
    await expect(putEndpoints(fx.users.developer, { ...web, yaml: yaml().replace('port: 8080', 'port: 9090') })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('not exposed by the image (it exposes 8080)') });
    await expect(putEndpoints(fx.users.developer, { ...web, yaml: 'a: [' })).rejects.toMatchObject({ code: 'invalid', details: { problems: [expect.objectContaining({ line: 1 })] } });
    expect(await saved()).toEqual(before);
  });

  it('refuses a reference to a schema file that is not uploaded, and accepts it once uploaded', async () => {
    const text = yaml('    schemaFilePath: openapi.yaml\n');
    await expect(putEndpoints(fx.users.developer, { ...web, yaml: text })).rejects.toMatchObject({ code: 'invalid', details: { problems: [expect.objectContaining({ line: 8, message: expect.stringContaining('No schema file named "openapi.yaml"') })] } });
    const up = await uploadSchemaFile(fx.users.developer, { ...web, name: 'openapi.yaml', content: openapi });
    expect(up).toMatchObject({ name: 'openapi.yaml', kind: 'openapi', summary: { spec: 'OpenAPI 3.1.0', operations: [{ method: 'GET', path: '/hello', summary: 'Say hello' }] } });
    await expect(putEndpoints(fx.users.developer, { ...web, yaml: text })).resolves.toMatchObject({ endpoints: [{ schemaFile: 'openapi.yaml' }] });
    expect(await listSchemaFiles(fx.users.viewer, web)).toEqual([expect.objectContaining({ name: 'openapi.yaml', kind: 'openapi', size: openapi.length })]);
    expect(await getSchemaFile(fx.users.viewer, { ...web, name: 'openapi.yaml' })).toMatchObject({ content: openapi });
    // Still referenced: deleting it would break the saved file.
    await expect(deleteSchemaFile(fx.users.developer, { ...web, name: 'openapi.yaml' })).rejects.toMatchObject({ code: 'conflict' });
    await putEndpoints(fx.users.developer, { ...web, yaml: yaml() });
    await deleteSchemaFile(fx.users.developer, { ...web, name: 'openapi.yaml' });
    expect(await listSchemaFiles(fx.users.viewer, web)).toEqual([]);
    await expect(deleteSchemaFile(fx.users.developer, { ...web, name: 'openapi.yaml' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses bad schema files with position, and a 5 MB one as too large; nothing stored', async () => {
    await expect(uploadSchemaFile(fx.users.developer, { ...web, name: 's.graphql', content: 'type Query {\n  a: [Int\n}\n' })).rejects.toMatchObject({ code: 'invalid', details: { line: 3, column: 1 } });
    await expect(uploadSchemaFile(fx.users.developer, { ...web, name: 'x.yaml', content: openapi.replace('"200": { description: OK }', '"200": { $ref: "http://127.0.0.1:9/x.yaml" }') })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('points outside this file') });
    await expect(uploadSchemaFile(fx.users.developer, { ...web, name: 'big.yaml', content: 'x'.repeat(5 * 1024 * 1024) })).rejects.toMatchObject({ code: 'payload_too_large' });
    await expect(uploadSchemaFile(fx.users.developer, { ...web, name: 'notes.txt', content: 'x' })).rejects.toMatchObject({ code: 'invalid', details: { fields: { name: expect.any(String) } } });
    expect(await d.db.select().from(schemaFile)).toEqual([]);
  });

  it('quick-edits one endpoint in place, keeping comments, through the same validation', async () => {
    await putEndpoints(fx.users.developer, { ...web, yaml: `# keep me\n${yaml()}` });
    const out = await updateEndpoint(fx.users.developer, { ...web, name: 'web', networkVisibility: 'Organization', context: '/v2' });
    expect(out.endpoints[0]).toMatchObject({ visibilities: ['Organization'], context: '/v2' });
    expect(out.yaml).toContain('# keep me');
    await expect(updateEndpoint(fx.users.developer, { ...web, name: 'web', context: 'no-slash' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('starts with "/"') });
    await expect(updateEndpoint(fx.users.developer, { ...web, name: 'nope', context: '/x' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await saved()).endpoints[0].context).toBe('/v2');
  });

  it('quick-edits the component.yaml form too', async () => {
    await putEndpoints(fx.users.developer, { ...web, yaml: 'schemaVersion: 1.2\nendpoints:\n  - name: web\n    service: { basePath: /a, port: 8080 }\n    type: REST\n    networkVisibilities: [Project]\n' });
    const out = await updateEndpoint(fx.users.developer, { ...web, name: 'web', networkVisibility: 'Public', context: '/b' });
    expect(out).toMatchObject({ format: 'component.yaml', endpoints: [{ visibilities: ['Public'], context: '/b' }] });
  });

  it('authorises before validating: a viewer, an outsider and a task are refused', async () => {
    await expect(putEndpoints(fx.users.viewer, { ...web, yaml: 42 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(uploadSchemaFile(fx.users['platform-engineer'], { ...web, name: 'a.yaml', content: openapi })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getEndpoints(fx.users.viewer, { ...web, org: 'globex' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(putEndpoints(fx.users.developer, { ...web, yaml: 42 })).rejects.toMatchObject({ code: 'invalid' });
    await expect(putEndpoints(fx.users.developer, { ...web, yaml: yaml(), extra: 1 })).rejects.toMatchObject({ code: 'invalid' });
    await expect(putEndpoints(fx.users.developer, { ...web, component: 'job', yaml: 'version: 0.1\nendpoints: []\n' })).rejects.toMatchObject({ code: 'invalid', message: 'Only services and web applications expose endpoints.' });
  });
});
