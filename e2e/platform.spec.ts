import { test as base, expect, type Page } from '@playwright/test';
import { buildTestImage, pushImage } from '../lib/testing/images';
import { startRegistry, type TestRegistry } from '../lib/testing/registry';
import { dismissToasts, newOrg, shot, type OrgApi } from './support';

// Platform settings, as a platform engineer meets them: the promotion path (and the Deploy page
// following it), attaching a cluster that is not there, the audit log's filters, and the
// Getting started steps of a new organisation. A real registry on 127.0.0.1 holds the image.

let reg: TestRegistry;
const test = base.extend<object, { registry: void }>({
  registry: [
    async ({}, use) => {
      reg = await startRegistry({ auth: 'anonymous' });
      try {
        await pushImage(await buildTestImage({ message: 'hello platform' }), `${reg.host}/team/hello:1.0`);
        await use();
      } finally {
        await reg.stop();
      }
    },
    { scope: 'worker', auto: true, timeout: 300_000 },
  ],
});

async function withComponent(page: Page): Promise<OrgApi> {
  const api = await newOrg(page, 'platform', 'Platform Org');
  await api.post('/projects', { name: 'shop', displayName: 'Shop' }, 201);
  const registry = (await api.post('/registries', { authType: 'anonymous', displayName: 'Local', host: reg.host }, 201)) as { id: string };
  await api.post('/projects/shop/components', { name: 'hello', displayName: 'Hello', type: 'service', registryId: registry.id, image: `${reg.host}/team/hello:1.0` }, 201);
  return api;
}

const cardOrder = (page: Page) => page.locator('[data-environment]').evaluateAll((els) => els.map((e) => e.getAttribute('data-environment')));

test('add, rename and reorder environments; the Deploy page follows', async ({ page }) => {
  const api = await withComponent(page);
  const envPage = `/o/${api.slug}/settings/environments`;
  await page.goto(envPage);

  await page.getByRole('button', { name: 'Add environment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an environment' });
  await expect(dialog.getByLabel('Display name')).toBeFocused();
  await dialog.getByLabel('Display name').fill('QA');
  await dialog.getByLabel('Name', { exact: true }).fill('qa');
  await dialog.getByLabel('Place on the promotion path').selectOption({ label: 'Before Staging' });
  await shot(page, 'platform-add-environment');
  await dialog.getByRole('button', { name: 'Add environment' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Environments' }).locator('tbody tr').nth(1)).toContainText('QA');

  // Rename: a new name and display name (nothing runs in it yet).
  await page.getByRole('button', { name: 'Edit QA' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit QA' });
  await expect(edit.getByLabel('Display name')).toBeFocused();
  await edit.getByLabel('Display name').fill('Quality');
  await edit.getByLabel('Name', { exact: true }).fill('quality');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('cell', { name: 'quality', exact: true })).toBeVisible();

  // Reorder with the keyboard-reachable buttons: Production before Staging.
  await dismissToasts(page);
  await page.getByRole('button', { name: 'Move Production earlier' }).click();
  await expect(page.getByRole('table', { name: 'Environments' }).locator('tbody tr').nth(2)).toContainText('Production');
  await shot(page, 'platform-environments');

  await page.goto(`/o/${api.slug}/projects/shop/components/hello/deploy`);
  await expect.poll(() => cardOrder(page)).toEqual(['development', 'quality', 'production', 'staging']);
  await shot(page, 'platform-deploy-cards');
});

test('a kubeconfig pointing to a dead cluster gets a clear error, and nothing is attached', async ({ page }) => {
  const api = await newOrg(page, 'platform-planes', 'Platform Planes');
  await page.goto(`/o/${api.slug}/settings/data-planes`);
  // The built-in engine's health comes from the background check; Test connection asks now.
  await page.getByRole('button', { name: 'Test connection to local' }).click();
  await expect(page.locator('[data-health]').first()).toHaveAttribute('data-health', 'ok');

  await page.getByRole('button', { name: 'Attach cluster' }).click();
  const dialog = page.getByRole('dialog', { name: 'Attach a Kubernetes cluster' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByLabel('Name').fill('dead-cluster');
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]',
    'users: [{ name: u, user: { token: e2e-token-never-shown } }]',
    'contexts: [{ name: ctx, context: { cluster: c, user: u } }]',
    'current-context: ctx',
  ].join('\n');
  await dialog.getByLabel('Kubeconfig file').setInputFiles({ name: 'kubeconfig.yaml', mimeType: 'text/yaml', buffer: Buffer.from(kubeconfig) });
  await expect(dialog.getByLabel('Kubeconfig', { exact: true })).toHaveValue(kubeconfig);
  await dialog.getByRole('button', { name: 'Test and attach' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Cannot reach the Kubernetes API at https://127.0.0.1:1: connection refused');
  await expect(dialog.getByRole('alert')).toContainText('Nothing was saved');
  await shot(page, 'platform-attach-dead-cluster');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('table', { name: 'Data planes' }).locator('tbody tr')).toHaveCount(1);
  expect(await page.content()).not.toContain('e2e-token-never-shown');
  await shot(page, 'platform-data-planes');
});

test('the audit log filters by actor, action, target and time, with the filters in the URL', async ({ page }) => {
  const api = await withComponent(page);
  await api.post('/environments', { name: 'qa', displayName: 'QA', dataPlane: 'local' }, 201);
  await page.goto(`/o/${api.slug}/settings/audit-log`);
  await page.getByLabel('Action').fill('environment.');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=environment\./);
  const rows = page.getByRole('table', { name: 'Audit log' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('environment.create');
  await expect(rows.first()).toContainText('API key e2e-setup');
  await shot(page, 'platform-audit-filtered');

  // Actor and target narrow it further; a time window in the future leaves nothing.
  await page.goto(`/o/${api.slug}/settings/audit-log?actor=e2e-setup&target=registry`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('registry.create');
  await page.goto(`/o/${api.slug}/settings/audit-log?from=2099-01-01T00:00`);
  await expect(page.getByText('No events match these filters')).toBeVisible();
  await page.goto(`/o/${api.slug}/settings/audit-log?from=yesterday`);
  await expect(page.getByText('From must be a date and time')).toBeVisible();
});

test('Getting started shows the three steps with their state until done', async ({ page }) => {
  const api = await newOrg(page, 'platform-start', 'Platform Start');
  await page.goto(`/o/${api.slug}`);
  const step = (key: string) => page.locator(`[data-step="${key}"]`);
  await expect(step('registry')).toHaveAttribute('data-state', 'next');
  await expect(step('component')).toHaveAttribute('data-state', 'todo');
  await shot(page, 'platform-getting-started');
  const registry = (await api.post('/registries', { authType: 'anonymous', displayName: 'Local', host: reg.host }, 201)) as { id: string };
  await api.post('/projects', { name: 'shop', displayName: 'Shop' }, 201);
  await page.reload();
  await expect(step('registry')).toHaveAttribute('data-state', 'done');
  await expect(step('component')).toHaveAttribute('data-state', 'next');
  await step('component').getByRole('link', { name: 'Create a component' }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${api.slug}/projects/shop/components/new`));
  await api.post('/projects/shop/components', { name: 'hello', displayName: 'Hello', type: 'service', registryId: registry.id, image: `${reg.host}/team/hello:1.0` }, 201);
  await page.goto(`/o/${api.slug}`);
  await expect(step('deploy')).toHaveAttribute('data-state', 'next');
  await shot(page, 'platform-getting-started-deploy');
  await api.deploy('shop', 'hello', { tag: '1.0' });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Getting started' })).toHaveCount(0);
  const { removeOrgContainers } = await import('./support');
  await removeOrgContainers(api.slug);
});
