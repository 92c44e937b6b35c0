import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildTestImage, pushImage } from '../lib/testing/images';
import { startRegistry, type TestRegistry } from '../lib/testing/registry';
import { baseURL, consoleHeaders, shot, signInAsAdmin } from './support';

// Endpoints in the console as a Choreo user knows them: the Endpoint pane inside Update
// Image & Deploy, and Create/Update Endpoints opening the Monaco editor of endpoints.yaml
// with live schema validation, schema files beside it, and the server's markers on Save.
// Every test makes its own component, so each runs alone.

const org = 'orbit-endpoints';
const creds = { username: 'ep', password: 'endpoints-Pa55-2026' };
let reg: TestRegistry;

test.beforeAll(async () => {
  // Building and pushing the image with podman is slow on a busy machine.
  test.setTimeout(300_000);
  reg = await startRegistry({ auth: 'basic', ...creds });
  await pushImage(await buildTestImage({ message: 'hello endpoints' }), `${reg.host}/team/hello:1.0`, creds);
});
test.afterAll(async () => {
  await reg?.stop();
});

/** Signs in and makes a fresh service component (org, project and registry made once, on first need). */
async function freshComponent(page: Page) {
  await signInAsAdmin(page);
  const api = page.request;
  const orgRes = await api.post('/api/v1/orgs', { headers: consoleHeaders, data: { slug: org, name: 'Orbit Endpoints' } });
  expect([201, 409]).toContain(orgRes.status());
  const projRes = await api.post(`/api/v1/orgs/${org}/projects`, { headers: consoleHeaders, data: { name: 'shop', displayName: 'Shop' } });
  expect([201, 409]).toContain(projRes.status());
  const regs = (await (await api.get(`/api/v1/orgs/${org}/registries`)).json()).items as { id: string; host: string }[];
  let registryId = regs.find((r) => r.host === reg.host)?.id;
  if (!registryId) {
    const created = await api.post(`/api/v1/orgs/${org}/registries`, { headers: consoleHeaders, data: { authType: 'basic', displayName: `Registry ${reg.host}`, host: reg.host, ...creds } });
    expect(created.status()).toBe(201);
    registryId = (await created.json()).id;
  }
  const name = `greeter-${Date.now().toString(36)}`;
  const comp = await api.post(`/api/v1/orgs/${org}/projects/shop/components`, { headers: consoleHeaders, data: { name, displayName: 'Greeter', type: 'service', registryId, image: `${reg.host}/team/hello:1.0` } });
  expect(comp.status()).toBe(201);
  const path = `/o/${org}/projects/shop/components/${name}`;
  return { name, path, api: `/api/v1/orgs/${org}/projects/shop/components/${name}` };
}

const editor = (page: Page) => page.getByTestId('yaml-editor');
/** A token as Monaco renders it (one span per token in the view lines). */
const token = (page: Page, text: string) => editor(page).locator('.view-lines span span', { hasText: new RegExp(`^${text}$`) }).first();

async function openEditor(page: Page, path: string) {
  await page.goto(`${path}/deploy`);
  await page.getByRole('button', { name: 'Update Image & Deploy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update Image & Deploy' });
  await dialog.getByRole('link', { name: 'Create/Update Endpoints' }).click();
  await expect(page).toHaveURL(`${path}/deploy/endpoints`);
  await expect(page.getByRole('heading', { name: 'Edit endpoints.yaml' })).toBeVisible();
  await expect(token(page, 'networkVisibility')).toBeVisible({ timeout: 30_000 });
}

const openapi = `openapi: 3.1.0
info: { title: Greeter API, version: 1.0.0 }
paths:
  /greet:
    get:
      summary: Say hello
      responses: { '200': { description: OK } }
`;

test('invalid networkVisibility: squiggle and hover; fix it, reference an uploaded OpenAPI file, save', async ({ page }) => {
  test.setTimeout(120_000);
  const c = await freshComponent(page);
  await openEditor(page, c.path);

  // The template starts from the image's exposed port.
  await expect(token(page, '8080')).toBeVisible();
  await token(page, 'Project').dblclick();
  // insertText: one edit, as a paste is, so completion popping up mid-word cannot take keys.
  await page.keyboard.insertText('Everyone');
  // monaco-yaml reports schema violations as warnings (amber), the server's problems as errors (red).
  const squiggle = editor(page).locator('.squiggly-warning, .squiggly-error');
  await expect(squiggle).toHaveCount(1, { timeout: 20_000 });
  await token(page, 'Everyone').hover();
  const hover = page.locator('.monaco-hover').filter({ hasText: /Project/ });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('Organization');
  await expect(hover).toContainText('Public');
  console.log(`hover: ${(await hover.innerText()).replace(/\s+/g, ' ')}`);
  // The viewport, not the full page: a full-page capture resizes the page and the hover closes.
  await page.screenshot({ path: path.join(__dirname, '.artifacts', 'screenshots', 'endpoints-01-invalid-visibility-hover.png') });

  await token(page, 'Everyone').dblclick();
  await page.keyboard.insertText('Public');
  await expect(squiggle).toHaveCount(0);

  // Reference a schema file that is not uploaded: the server says where, and marks it in the editor.
  await token(page, 'context').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('schemaFilePath: openapi.yaml');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'No schema file named "openapi.yaml" is uploaded' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('Line 10, column 21');
  await expect(squiggle).toHaveCount(1);
  await shot(page, 'endpoints-02-server-marker');

  await page.getByLabel('Upload schema file').setInputFiles({ name: 'openapi.yaml', mimeType: 'application/yaml', buffer: Buffer.from(openapi) });
  const file = page.getByTestId('schema-file-openapi.yaml');
  await expect(file).toContainText('OpenAPI 3.1.0 · Greeter API 1.0.0');
  await expect(file.getByRole('list', { name: 'Operations of openapi.yaml' })).toContainText('GET/greetSay hello');

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: 1 endpoint.' })).toBeVisible();
  await expect(squiggle).toHaveCount(0);
  await shot(page, 'endpoints-03-saved');
  const saved = await (await page.request.get(`${c.api}/endpoints`)).json();
  expect(saved).toMatchObject({ saved: true, endpoints: [{ name: c.name, port: 8080, type: 'REST', visibilities: ['Public'], context: '/', schemaFile: 'openapi.yaml' }] });
});

test('typing at full speed loses no key and leaves the cursor where it types', async ({ page }) => {
  test.setTimeout(90_000);
  const c = await freshComponent(page);
  await openEditor(page, c.path);
  await token(page, 'version').click();
  await page.keyboard.press('Home');
  // One key at a time with no pause (in a comment, where no completion pops up): with the editor's
  // text controlled by React, a render carrying an earlier keystroke's text replaced the newer
  // text and moved the cursor to the end — keys were lost from 15 ms between keys on.
  const typed = '# typed one key at a time 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  // The rendered lines in the order they are shown (Monaco reuses line elements, so DOM order may differ).
  const shown = () =>
    editor(page)
      .locator('.view-lines')
      .evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>('.view-line')]
          .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
          .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')),
      );
  await expect.poll(shown).toContain(typed);
  const lines = await shown();
  expect(lines[lines.indexOf(typed) + 1]).toBe('version: 0.1');
});

test('a bad schema file is refused with its position; nothing is stored', async ({ page }) => {
  test.setTimeout(90_000);
  const c = await freshComponent(page);
  await openEditor(page, c.path);
  const upload = page.getByLabel('Upload schema file');

  await upload.setInputFiles({ name: 'schema.graphql', mimeType: 'text/plain', buffer: Buffer.from('type Query {\n  books: [Book!\n}\n') });
  await expect(page.getByRole('alert').filter({ hasText: 'schema.graphql (line 3, column 1): Not valid GraphQL SDL: Syntax Error' })).toBeVisible();
  await shot(page, 'endpoints-04-bad-schema-file');

  const remote = openapi.replace("responses: { '200': { description: OK } }", "responses: { '200': { $ref: 'http://127.0.0.1:9/ok.yaml' } }");
  await upload.setInputFiles({ name: 'remote.yaml', mimeType: 'application/yaml', buffer: Buffer.from(remote) });
  await expect(page.getByRole('alert').filter({ hasText: 'points outside this file' })).toBeVisible();

  await upload.setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(5 * 1024 * 1024, 32) });
  await expect(page.getByRole('alert').filter({ hasText: 'huge.json is 5.0 MiB; the limit is 1 MiB.' })).toBeVisible();

  await expect(page.getByText('No schema files yet.')).toBeVisible();
  expect((await (await page.request.get(`${c.api}/schema-files`)).json()).items).toEqual([]);
});

test('the Endpoint pane: the endpoint ready to be deployed, quick edit to Public', async ({ page }) => {
  test.setTimeout(90_000);
  const c = await freshComponent(page);
  await page.goto(`${c.path}/deploy`);
  await page.getByRole('button', { name: 'Update Image & Deploy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update Image & Deploy' });
  const row = dialog.getByTestId(`endpoint-${c.name}`);
  await expect(row).toContainText('REST');
  await expect(row).toContainText(':8080');
  await expect(row).toContainText('Project');
  await row.getByRole('button', { name: `Edit endpoint ${c.name}` }).click();
  const form = dialog.getByTestId(`endpoint-edit-${c.name}`);
  await form.getByLabel('Network Visibility').selectOption('Public');
  await form.getByLabel('Context').fill('greeter');
  await form.getByRole('button', { name: 'Update' }).click();
  await expect(form.getByRole('alert')).toContainText('A context starts with "/"');
  await form.getByLabel('Context').fill('/greeter');
  await shot(page, 'endpoints-05-quick-edit');
  await form.getByRole('button', { name: 'Update' }).click();
  await expect(row).toContainText('Public');
  await expect(row).toContainText('/greeter');
  await shot(page, 'endpoints-06-pane-updated');
  const saved = await (await page.request.get(`${c.api}/endpoints`)).json();
  expect(saved).toMatchObject({ saved: true, endpoints: [{ visibilities: ['Public'], context: '/greeter' }] });
});

test('deploy a Public endpoint and open its stable URL through the gateway', async ({ page }) => {
  test.setTimeout(150_000);
  const c = await freshComponent(page);
  const yaml = `version: 0.1\nendpoints:\n  - name: web\n    port: 8080\n    type: REST\n    networkVisibility: Public\n    context: /\n`;
  expect((await page.request.put(`${c.api}/endpoints`, { headers: consoleHeaders, data: { yaml } })).status()).toBe(200);
  expect((await page.request.post(`${c.api}/deployments`, { headers: consoleHeaders, data: { tag: '1.0' } })).status()).toBe(202);
  await page.goto(`${c.path}/deploy`);
  const card = page.locator('[data-environment="development"]');
  const publicLine = card.locator('[data-endpoint="web"] [data-address="Public URL"]');
  await expect(publicLine).toBeVisible({ timeout: 90_000 });
  const url = (await publicLine.getByRole('link').textContent())!;
  expect(url).toBe(`http://127.0.0.1:${Number(new URL(baseURL).port) + 1000}/${org}/shop/${c.name}/development`);
  await expect(publicLine.getByRole('button', { name: 'Copy the public url of web' })).toBeVisible();
  // Other components reach it by name on the data plane's networks: shown as text (a browser cannot resolve it), with Copy.
  const networkLine = card.locator('[data-endpoint="web"] [data-address="In-network address"]');
  await expect(networkLine).toContainText(`http://${c.name}.shop:8080`);
  await expect(networkLine.getByRole('link')).toHaveCount(0);
  await expect(networkLine.getByRole('button', { name: 'Copy the in-network address of web' })).toBeVisible();
  // A stable public URL stands in front of it: the per-rollout host port is not offered.
  await expect(card.locator('[data-endpoint="web"] [data-address="On this host"]')).toHaveCount(0);
  await shot(page, 'endpoints-08-public-url');
  // The Endpoint pane shows the same addresses per environment that runs the endpoint.
  await page.getByRole('button', { name: 'Update Image & Deploy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update Image & Deploy' });
  const urls = dialog.getByRole('list', { name: 'URLs of web' }).locator('[data-url-environment="development"]');
  await expect(urls.locator('[data-address="Public URL"]')).toContainText(url);
  await expect(urls.locator('[data-address="In-network address"]')).toContainText(`http://${c.name}.shop:8080`);
  await urls.getByRole('button', { name: 'Copy the public url of web in Development' }).click();
  await expect(urls.getByRole('button', { name: 'Copied the public url of web in Development' })).toBeVisible();
  await shot(page, 'endpoints-09-pane-urls');
  await page.keyboard.press('Escape');
  await page.goto(`${url}/`);
  await expect(page.locator('body')).toContainText('hello endpoints');
});

test('Monaco is bundled: the editor page fetches nothing from elsewhere, and only it loads Monaco', async ({ page }) => {
  test.setTimeout(90_000);
  const c = await freshComponent(page);
  const js = new Map<string, number>();
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(baseURL) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
  });
  page.on('response', async (r) => {
    if (r.request().resourceType() === 'script' || r.url().endsWith('.js')) js.set(r.url(), (await r.body().catch(() => Buffer.alloc(0))).length);
  });
  const bytes = () => [...js.values()].reduce((a, b) => a + b, 0);

  await page.goto(`${c.path}/deploy`);
  await page.getByRole('button', { name: 'Update Image & Deploy' }).click();
  await expect(page.getByRole('dialog', { name: 'Update Image & Deploy' }).getByTestId(`endpoint-${c.name}`)).toBeVisible();
  await page.waitForLoadState('networkidle');
  const deployBytes = bytes();

  js.clear();
  await page.goto(`${c.path}/deploy/endpoints`);
  await expect(token(page, 'networkVisibility')).toBeVisible({ timeout: 30_000 });
  // The YAML worker is up when the schema answers: a hover proves it.
  await token(page, 'networkVisibility').hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Project: reachable only' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const editorBytes = bytes();
  console.log(`JS transferred: Deploy page + Update dialog ${(deployBytes / 1024).toFixed(0)} KiB; editor page ${(editorBytes / 1024).toFixed(0)} KiB`);
  expect(foreign).toEqual([]);
  expect(editorBytes - deployBytes).toBeGreaterThan(1024 * 1024);
});
