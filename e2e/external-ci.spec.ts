import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test as base, expect, type Page } from '@playwright/test';
import { buildTestImage, pushImage } from '../lib/testing/images';
import { startRegistry, type TestRegistry } from '../lib/testing/registry';
import { baseURL, newOrg, removeOrgContainers, shot, shots } from './support';

// DevOps › External CI: a component-bound token shown once, the curl snippet copied from
// the page and run for real (it deploys and waits), the delivery recorded, and revocation.
// Each test makes its own organisation, component and (where it needs one) token.

const run = promisify(execFile);
const orgs: string[] = [];
let reg: TestRegistry;

// The registry and its images are a worker fixture, not a beforeAll hook: if building them
// fails, the test that needed them fails and the next one (in a fresh worker) tries again,
// instead of the whole file being skipped.
const test = base.extend<object, { registry: void }>({
  registry: [
    async ({}, use) => {
      reg = await startRegistry({ auth: 'anonymous' });
      try {
        for (const v of ['1.0', '2.0']) await pushImage(await buildTestImage({ message: `storefront ${v}` }), `${reg.host}/web/storefront:${v}`);
        await use();
      } finally {
        for (const slug of orgs.splice(0)) await removeOrgContainers(slug);
        await reg.stop();
      }
    },
    { scope: 'worker', auto: true, timeout: 300_000 },
  ],
});

/** The storefront web app in an organisation of this test's own; with `token`, also its CI token "github-main". */
async function storefront(page: Page, opts: { token?: boolean } = {}) {
  const api = await newOrg(page, 'orbit-ci', 'Orbit CI');
  orgs.push(api.slug);
  await api.post('/projects', { name: 'web', displayName: 'Web' }, 201);
  const registry = (await api.post('/registries', { authType: 'anonymous', displayName: 'Shop registry', host: reg.host }, 201)) as { id: string };
  await api.post('/projects/web/components', { name: 'storefront', displayName: 'Storefront', type: 'web-app', registryId: registry.id, image: `${reg.host}/web/storefront:1.0` }, 201);
  const token = opts.token ? ((await api.post('/projects/web/components/storefront/ci-tokens', { name: 'github-main', expiresInDays: 30 }, 201)) as { token: string }).token : '';
  return { url: `/o/${api.slug}/projects/web/components/storefront/devops/external-ci`, token };
}

test('create a CI token: shown once, with a warning and a Copy button', async ({ page }) => {
  const { url } = await storefront(page);
  await page.goto(url);
  await expect(page.getByRole('link', { name: 'DevOps › External CI' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'No CI tokens yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Create token' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a CI token' });
  await dialog.getByLabel('Name').fill('github-main');
  await dialog.getByLabel('Expires after').selectOption({ label: '30 days' });
  await dialog.getByLabel('Name').press('Enter');
  const value = dialog.getByRole('textbox', { name: 'CI token' });
  await expect(value).toHaveValue(/^gct_/);
  const token = await value.inputValue();
  await expect(dialog.getByText('it is shown only once')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Copy ci token' })).toBeVisible();
  await shot(page, 'ci-01-token-once-1280');
  await dialog.getByRole('button', { name: 'Done' }).click();

  const row = page.locator('tr[data-token="github-main"]');
  await expect(row).toContainText('Active');
  await expect(row).toContainText(token.slice(0, 8));
  await expect(row).toContainText('Never');
  expect(await page.content()).not.toContain(token);
});

test('copy the curl snippet and run it: it deploys and the delivery is recorded', async ({ page, context }) => {
  test.setTimeout(150_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { url, token } = await storefront(page, { token: true });
  await page.goto(url);
  const systems = page.getByRole('tablist', { name: 'CI system' }).getByRole('tab');
  await expect(systems).toHaveText(['curl', 'GitHub Actions', 'GitLab CI', 'Jenkins', 'Azure Pipelines', 'Bitbucket Pipelines', 'CircleCI']);
  await page.getByRole('tab', { name: 'GitHub Actions' }).click();
  await expect(page.getByTestId('snippet')).toContainText('secrets.GANTRY_TOKEN');
  await expect(page.getByText('Repository Settings > Secrets and variables > Actions')).toBeVisible();
  // Arrow keys move between the CI systems.
  await page.getByRole('tab', { name: 'GitHub Actions' }).press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'curl' })).toBeFocused();
  await expect(page.getByTestId('snippet')).toContainText(`${reg.host}/web/storefront`);
  await page.getByRole('button', { name: 'Copy the curl snippet' }).click();
  await expect(page.getByRole('button', { name: 'Copied the curl snippet' })).toHaveText('Copied');
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toContain(`"${baseURL}/api/v1/ci/deploy"`);
  expect(snippet).not.toContain(token);
  await shots(page, 'ci-02-snippets');

  const { stdout } = await run('sh', ['-c', snippet], { env: { ...process.env, GANTRY_TOKEN: token, IMAGE: `${reg.host}/web/storefront:2.0` }, timeout: 120_000 });
  expect(stdout).toContain('Deployment status: active');

  await page.reload();
  const delivery = page.getByRole('table', { name: 'Recent deliveries' }).locator('tr', { hasText: 'storefront:2.0' });
  await expect(delivery).toContainText('Deployed');
  await expect(delivery.getByRole('link', { name: 'View deployment' })).toBeVisible();
  await expect(page.locator('tr[data-token="github-main"]')).not.toContainText('Never');
});

test('the tag filter applies to registry push events', async ({ page }) => {
  const { url, token } = await storefront(page, { token: true });
  await page.goto(url);
  await page.getByLabel('Tag filter').fill('v*');
  await page.getByRole('button', { name: 'Save filter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'only tags matching “v*”' })).toBeVisible();
  const pushed = await fetch(`${baseURL}/api/v1/ci/registry-events/distribution?token=${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events: [{ action: 'push', target: { repository: 'web/storefront', tag: '3.0', digest: 'sha256:' + '0'.repeat(64) }, request: { host: reg.host } }] }),
  });
  expect(pushed.status).toBe(200);
  await page.reload();
  const ignored = page.getByRole('table', { name: 'Recent deliveries' }).locator('tr', { hasText: 'Ignored' }).first();
  await expect(ignored).toContainText('does not match the tag filter "v*"');
  await shots(page, 'ci-03-deliveries');
});

test('revoke the token: it stops working at once', async ({ page }) => {
  const { url, token } = await storefront(page, { token: true });
  await page.goto(url);
  await page.getByRole('button', { name: 'Revoke github-main' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke CI token' });
  await expect(dialog).toContainText(token.slice(0, 8));
  await dialog.getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'CI token “github-main” revoked.' })).toBeVisible();
  await expect(page.locator('tr[data-token="github-main"]')).toContainText('Revoked');
  await expect(page.getByRole('button', { name: 'Revoke github-main' })).toHaveCount(0);
  const refused = await fetch(`${baseURL}/api/v1/ci/deploy`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ tag: '1.0' }) });
  expect(refused.status).toBe(401);
  await shots(page, 'ci-04-revoked');
});
