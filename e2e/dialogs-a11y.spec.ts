import { test as base, expect } from '@playwright/test';
import { startRegistry, type TestRegistry } from '../lib/testing/registry';
import { expectAccessible, newOrg, newOrgWithoutKey, shot } from './support';

// Dialogs and accessibility: dialogs start on their first field, a shown-once secret survives
// a stray Escape, Test connection's answer is kept as the registry's last test, a skip link
// leads past the navigation, and axe finds no serious violation on the pages and dialogs visited.
// Each test makes its own organisation.

let reg: TestRegistry;
const test = base.extend<object, { registry: void }>({
  registry: [
    async ({}, use) => {
      reg = await startRegistry({ auth: 'anonymous' });
      try {
        await use();
      } finally {
        await reg.stop();
      }
    },
    { scope: 'worker', auto: true, timeout: 120_000 },
  ],
});

test('Create Project starts on its first field: a typed space stays in the name', async ({ page }) => {
  const slug = await newOrgWithoutKey(page, 'dialogs', 'Dialogs');
  await page.goto(`/o/${slug}`);
  await expectAccessible(page, 'the empty organisation overview');
  await page.getByRole('button', { name: 'Create project' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create a project' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Display name')).toBeFocused();
  await page.keyboard.type('Web Shop');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Display name')).toHaveValue('Web Shop');
  await shot(page, 'a11y-01-create-project-typed');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Web Shop' })).toBeVisible();
  await expectAccessible(page, 'the new project');
});

test('a shown-once API key is not lost to a stray Escape', async ({ page }) => {
  const slug = await newOrgWithoutKey(page, 'secret', 'Secret');
  await page.goto(`/o/${slug}/settings/api-keys`);
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create an API key' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await page.keyboard.type('release script');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const value = dialog.getByRole('textbox', { name: 'API key' });
  await expect(value).toHaveValue(/^gak_/);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('alert')).toContainText('will not be shown again');
  await expect(value).toHaveValue(/^gak_/);
  await shot(page, 'a11y-02-shown-once-escape');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('Test connection before saving: the answer is in view and the list keeps it as the last test', async ({ page }) => {
  const api = await newOrg(page, 'regtest', 'Reg Test');
  await page.goto(`/o/${api.slug}/settings/credentials`);
  await page.getByRole('button', { name: 'Add Registry' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a container registry' });
  await expect(dialog.getByLabel('Registry display name')).toBeFocused();
  await page.keyboard.type('Local public');
  await expect(dialog.getByRole('radio', { name: 'Public (anonymous)' })).toBeChecked();
  await dialog.getByLabel('Registry host').fill(reg.host);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const answer = dialog.locator('[data-status="ok"]');
  await expect(answer).toBeInViewport();
  await shot(page, 'a11y-03-test-connection-ok');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = page.locator('tr[data-registry="Local public"]');
  await expect(row).toBeVisible();
  await expect(row.getByText('Not tested yet')).toHaveCount(0, { timeout: 15_000 });
  await expectAccessible(page, 'the registries list');
});

test('a skip link leads past the navigation to the page', async ({ page }) => {
  const slug = await newOrgWithoutKey(page, 'skip', 'Skip');
  await page.goto(`/o/${slug}/settings/members`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  await expectAccessible(page, 'the members page');
});
