import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { buildTestImage, pushImage } from '../lib/testing/images';
import { startRegistry, type TestRegistry } from '../lib/testing/registry';
import { dismissToasts, newOrg, removeOrgContainers, shot, shots, type OrgApi } from './support';

// Bring Your Own Image, end to end against a REAL password-protected registry and real
// containers (the console's own Podman): create a Service from an image URL, deploy,
// update the tag, roll back from Previous Images, promote, and watch a crash fail.
// Each test makes its own organisation and brings it to the state it starts from through
// the REST API, so one failure does not take the tests after it down with it.

const creds = { username: 'deployer', password: 'deploy-Pa55word-2026' };
const digests: Record<string, string> = {};
const orgs: string[] = [];
let reg: TestRegistry;

// The registry and its images are a worker fixture, not a beforeAll hook: if building them
// fails, the test that needed them fails and the next one (in a fresh worker) tries again,
// instead of the whole file being skipped.
const test = base.extend<object, { registry: void }>({
  registry: [
    async ({}, use) => {
      reg = await startRegistry({ auth: 'basic', ...creds });
      try {
        for (const v of ['1.0', '1.1']) digests[v] = (await pushImage(await buildTestImage({ message: `hello ${v}` }), `${reg.host}/team/hello:${v}`, creds)).digest;
        await pushImage(await buildTestImage({ message: 'crash on start', variant: 'exit-immediately' }), `${reg.host}/team/hello:crash`, creds);
        await use();
      } finally {
        for (const slug of orgs.splice(0)) await removeOrgContainers(slug);
        await reg.stop();
      }
    },
    { scope: 'worker', auto: true, timeout: 300_000 },
  ],
});

interface World {
  api: OrgApi;
  project: string;
  component: string;
}

/** An organisation of this test's own with the project "shop" and the team registry; with `component`, the Hello Service too (image 1.0). */
async function world(page: Page, opts: { component?: boolean } = {}): Promise<World> {
  const api = await newOrg(page, 'orbit-deploy', 'Orbit Deploy');
  orgs.push(api.slug);
  await api.post('/projects', { name: 'shop', displayName: 'Shop' }, 201);
  const registry = (await api.post('/registries', { authType: 'basic', displayName: 'Team registry', host: reg.host, ...creds }, 201)) as { id: string };
  if (opts.component) {
    await api.post('/projects/shop/components', { name: 'hello-service', displayName: 'Hello Service', type: 'service', registryId: registry.id, image: `${reg.host}/team/hello:1.0` }, 201);
  }
  const project = `/o/${api.slug}/projects/shop`;
  return { api, project, component: `${project}/components/hello-service` };
}

const card = (page: Page, env: string) => page.locator(`[data-environment="${env}"]`);

/** Waits until the environment card shows `tag` active, then returns what its endpoint serves. */
async function activeBody(environment: Locator, tag: string) {
  await expect(environment.locator('[data-state="running"]').getByText(tag, { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(environment.getByText('Active', { exact: true })).toBeVisible();
  const url = await environment.getByRole('link').first().getAttribute('href');
  return (await fetch(url!)).text();
}

async function openUpdateDialog(page: Page) {
  await page.getByRole('button', { name: 'Update Image & Deploy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update Image & Deploy' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('create a Service component from an image URL in a registered registry', async ({ page }) => {
  const { api, project, component } = await world(page);

  await page.goto(project);
  await expect(page.getByRole('heading', { name: 'Component Listing' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No components yet' })).toBeVisible();
  await page.getByRole('link', { name: 'Create' }).first().click();
  await expect(page).toHaveURL(`${project}/components/new`);
  await expect(page.getByRole('radio', { name: /Service/ })).toBeChecked();

  await page.getByLabel('Display name').fill('Hello Service');
  await expect(page.getByLabel('Component name')).toHaveValue('hello-service');
  await page.getByRole('tab', { name: 'Docker Hub' }).click();
  await expect(page.getByRole('heading', { name: 'No Docker Hub registry registered' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Settings › Credentials' })).toHaveAttribute('href', `/o/${api.slug}/settings/credentials`);
  await shot(page, 'deploy-01-create-dockerhub-empty-1280');
  await page.getByRole('tab', { name: 'Docker Hub' }).press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Container Registry' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Container registry', { exact: true })).toHaveValue(/.+/);
  const image = page.getByLabel('Image URL');

  // The server resolves the image against the registry: a wrong host and a missing tag are field errors.
  await image.fill('docker.io/library/nginx:1.25');
  await page.getByRole('button', { name: 'Create only' }).click();
  await expect(page.getByText(/The image is on docker\.io, but the registry "Team registry"/)).toBeVisible();
  await expect(image).toHaveAttribute('aria-invalid', 'true');
  await image.fill(`${reg.host}/team/hello:9.9`);
  await image.press('Enter');
  await expect(page.getByText(/9\.9 does not exist|does not exist/)).toBeVisible();
  await expect(image).toHaveAttribute('aria-invalid', 'true');
  await shots(page, 'deploy-01-create-error');

  await image.fill(`${reg.host}/team/hello:1.0`);
  await page.getByRole('button', { name: 'Create only' }).click();
  await expect(page).toHaveURL(`${component}/deploy`);
  await expect(page.getByRole('heading', { name: 'Hello Service' })).toBeVisible();
  await expect(page.getByTestId('build-image')).toHaveText(`${reg.host}/team/hello:1.0`);
  await expect(card(page, 'development').getByText('Not deployed')).toBeVisible();
});

test('deploy 1.0: the development card turns Active and the endpoint serves it', async ({ page }) => {
  test.setTimeout(150_000);
  const { project, component } = await world(page, { component: true });
  await page.goto(`${component}/deploy`);
  const dialog = await openUpdateDialog(page);
  await expect(dialog.getByRole('tab', { name: 'Update Image Tag' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('button', { name: /^1\.1/ })).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^crash/ })).toBeVisible();
  await dialog.getByRole('button', { name: /^1\.0/ }).click();
  await expect(dialog.getByLabel('Image tag', { exact: true })).toHaveValue('1.0');
  await shot(page, 'deploy-02-update-tag-dialog-1280');
  await dialog.getByRole('button', { name: 'Deploy' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Deploying 1.0' })).toBeVisible();

  expect(await activeBody(card(page, 'development'), '1.0')).toContain('hello 1.0');
  await dismissToasts(page);
  await shots(page, 'deploy-03-active');

  // The project's Component Listing shows the status in the first environment.
  await page.goto(project);
  await expect(page.locator('a', { hasText: 'Hello Service' }).getByText('Active')).toBeVisible();
  await shots(page, 'deploy-04-listing');
  await page.getByLabel('Search components').fill('nothing-like-it');
  await expect(page.getByRole('heading', { name: 'No components match “nothing-like-it”' })).toBeVisible();
  await page.getByLabel('Search components').fill('hello');
  await expect(page.getByRole('link', { name: /Hello Service/ })).toBeVisible();
});

test('Update Image Tag to 1.1, typed', async ({ page }) => {
  test.setTimeout(150_000);
  const { api, component } = await world(page, { component: true });
  await api.deploy('shop', 'hello-service', { tag: '1.0' });
  await page.goto(`${component}/deploy`);
  const dialog = await openUpdateDialog(page);
  await dialog.getByLabel('Image tag', { exact: true }).fill('1.1');
  await dialog.getByLabel('Image tag', { exact: true }).press('Enter');
  await expect(dialog).toBeHidden();
  expect(await activeBody(card(page, 'development'), '1.1')).toContain('hello 1.1');
  await expect(page.getByTestId('build-image')).toHaveText(`${reg.host}/team/hello:1.1`);
});

test('Previous Images: redeploy exactly the 1.0 digest', async ({ page }) => {
  test.setTimeout(150_000);
  const { api, component } = await world(page, { component: true });
  await api.deploy('shop', 'hello-service', { tag: '1.0' });
  await api.deploy('shop', 'hello-service', { tag: '1.1' });
  await page.goto(`${component}/deploy`);
  const dialog = await openUpdateDialog(page);
  await dialog.getByRole('tab', { name: 'Previous Images' }).click();
  const row = dialog.locator('tr[data-release="1.0"]');
  await expect(row).toContainText(digests['1.0'].slice(0, 19));
  await expect(dialog.locator('tr[data-release="1.1"]')).toContainText('Development');
  await shot(page, 'deploy-05-previous-images-1280');
  await row.getByRole('button', { name: /^Redeploy/ }).click();
  await dialog.getByRole('button', { name: 'Redeploy to Development' }).click();
  await expect(dialog).toBeHidden();
  expect(await activeBody(card(page, 'development'), '1.0')).toContain('hello 1.0');
});

test('promote the release to Staging after a confirmation naming its digest', async ({ page }) => {
  test.setTimeout(150_000);
  const { api, component } = await world(page, { component: true });
  await api.deploy('shop', 'hello-service', { tag: '1.0' });
  await page.goto(`${component}/deploy`);
  await card(page, 'development').getByRole('button', { name: 'Promote to Staging' }).click();
  const dialog = page.getByRole('dialog', { name: 'Promote to Staging' });
  await expect(dialog).toContainText(digests['1.0']);
  await dialog.getByRole('button', { name: 'Promote' }).click();
  await expect(dialog).toBeHidden();
  expect(await activeBody(card(page, 'staging'), '1.0')).toContain('hello 1.0');
  await expect(card(page, 'staging').getByRole('button', { name: 'Promote to Production' })).toBeVisible();
  await dismissToasts(page);
  await shots(page, 'deploy-06-promoted');
});

test('a crashing image fails with its reason and log lines; the previous release keeps running', async ({ page }) => {
  test.setTimeout(150_000);
  const { api, component } = await world(page, { component: true });
  await api.deploy('shop', 'hello-service', { tag: '1.0' });
  await page.goto(`${component}/deploy`);
  const dialog = await openUpdateDialog(page);
  await dialog.getByRole('tab', { name: 'Update Image URL' }).click();
  await expect(dialog.getByLabel('Full image URL', { exact: true })).toHaveValue(`${reg.host}/team/hello:1.0`);
  await dialog.getByLabel('Full image URL', { exact: true }).fill(`${reg.host}/team/hello:crash`);
  await dialog.getByRole('button', { name: 'Deploy' }).click();
  await expect(dialog).toBeHidden();

  const dev = card(page, 'development');
  await expect(dev.locator('[data-state="failed"]')).toContainText('crash', { timeout: 90_000 });
  await expect(dev.getByText('Failed', { exact: true })).toBeVisible();
  await expect(dev.getByTestId('failure-reason')).toContainText(/exit/i);
  await expect(dev.getByText('crash on start')).toBeVisible();
  await expect(dev.locator('[data-state="still-running"]')).toContainText('1.0');
  expect(await (await fetch((await dev.getByRole('link').first().getAttribute('href'))!)).text()).toContain('hello 1.0');

  const failed = page.getByRole('table', { name: 'Deployment history' }).locator('tr', { hasText: 'Failed' }).first();
  await failed.getByRole('button', { name: 'Show timeline' }).click();
  await expect(page.getByRole('table', { name: 'Deployment history' }).getByText('Health checking')).toBeVisible();
  await dismissToasts(page);
  await shots(page, 'deploy-07-failed');
});

test('a secret config is applied by redeploying, and never shown again', async ({ page }) => {
  test.setTimeout(150_000);
  const secret = 'sk-live-Orbit-2026-do-not-show';
  const { api, component } = await world(page, { component: true });
  await api.deploy('shop', 'hello-service', { tag: '1.0' });
  await api.deploy('shop', 'hello-service', { from: 'development', to: 'staging' }, 'promote');
  await page.goto(`${component}/configs`);
  await expect(page.getByRole('heading', { name: 'No configs yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Add config' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a config' });
  await dialog.getByLabel('Name', { exact: true }).fill('API_KEY');
  await dialog.getByLabel('Value', { exact: true }).fill(secret);
  await dialog.getByLabel(/Mark as secret/).check();
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Applied: redeploying Development, Staging' })).toBeVisible();
  await expect(page.locator('tr[data-config="API_KEY"]')).toContainText('••••');
  expect(await page.content()).not.toContain(secret);
  await dismissToasts(page);
  await shots(page, 'deploy-08-configs');

  await page.goto(`${component}/deploy`);
  await activeBody(card(page, 'development'), '1.0');
  await activeBody(card(page, 'staging'), '1.0');

  await page.goto(`${component}/logs`);
  await expect(page.getByText(/Waiting for log lines from Development|Live: following Development/)).toBeVisible();
  await page.getByLabel('Environment').selectOption('production');
  await expect(page.getByText('Nothing is running in production yet.')).toBeVisible();
  await page.getByLabel('Environment').selectOption('development');
  await shots(page, 'deploy-09-logs');
});

test('overview and settings describe the component; settings save', async ({ page }) => {
  test.setTimeout(150_000);
  const { api, component } = await world(page, { component: true });
  await api.deploy('shop', 'hello-service', { tag: '1.0', environment: 'staging' });
  await page.goto(component);
  await expect(page.getByRole('link', { name: 'Overview', exact: true }).last()).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('li', { hasText: 'Staging' }).getByText('Active')).toBeVisible();
  await expect(page.getByText('8080/TCP')).toBeVisible();
  await shots(page, 'deploy-10-overview');

  await page.goto(`${component}/settings`);
  await page.getByLabel('Health check path').fill('/index.html');
  await page.getByLabel('Health check path').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Health check path')).toHaveValue('/index.html');
  await dismissToasts(page);
  await shots(page, 'deploy-11-settings');
});
