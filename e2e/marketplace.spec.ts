import { expect, test, type Locator } from '@playwright/test';
import { buildTestImage, pushImage } from '../lib/testing/images';
import { startRegistry, type TestRegistry } from '../lib/testing/registry';
import { newOrg, removeOrgContainers, shots } from './support';

// The marketplace as people use it: a platform engineer registers a resource by hand, a
// developer browses, filters, reads How to use, connects a component, deploys, and sees
// "redeploy to apply" once the resource is re-published. Real registry, real containers.

let reg: TestRegistry;
const orgs: string[] = [];
const SECRET = 'e2e-market-s3cret';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  reg = await startRegistry({ auth: 'anonymous' });
  await pushImage(await buildTestImage({ message: 'market web' }), `${reg.host}/shop/web:1.0`);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  for (const slug of orgs) await removeOrgContainers(slug);
  await reg?.stop();
});

/** A click before hydration does nothing: click again until the dialog shows (never a second time once it does). */
async function openDialog(button: Locator, dialog: Locator) {
  await expect(async () => {
    if (!(await dialog.isVisible())) await button.click({ timeout: 2_000 });
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  return dialog;
}

test('browse, filter, connect, deploy, and see "redeploy to apply" after a re-publish', async ({ page }) => {
  test.setTimeout(240_000);
  const api = await newOrg(page, 'market');
  orgs.push(api.slug);
  await api.post('/projects', { name: 'shop', displayName: 'Shop' }, 201);
  const { id: registryId } = (await api.post('/registries', { authType: 'anonymous', displayName: 'Local', host: reg.host }, 201)) as { id: string };
  await api.post('/projects/shop/components', { name: 'web', displayName: 'Web', type: 'service', registryId, image: `${reg.host}/shop/web:1.0` }, 201);
  await api.post('/marketplace', { name: 'events', version: '1', category: 'Messaging', description: 'Event stream' }, 201);

  // A platform engineer (the admin here) registers a database by hand.
  const market = `/o/${api.slug}/platform/marketplace`;
  await page.goto(market);
  const dialog = await openDialog(page.getByRole('button', { name: 'Register resource' }), page.getByRole('dialog', { name: 'Register a resource' }));
  await dialog.getByLabel('Name', { exact: true }).fill('orders-db');
  await dialog.getByLabel('Category').selectOption('Database');
  await dialog.getByLabel('Description').fill('Orders Postgres');
  await dialog.getByLabel('Key 1', { exact: true }).fill('HostName');
  await dialog.getByLabel('Value 1', { exact: true }).fill('db.internal');
  await dialog.getByRole('button', { name: 'Add parameter' }).click();
  await dialog.getByLabel('Key 2', { exact: true }).fill('Password');
  await dialog.getByLabel('Value 2', { exact: true }).fill(SECRET);
  await dialog.getByLabel('Key 2 is secret').check();
  await dialog.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Registered orders-db 1.0' })).toBeVisible();

  // Browse and filter.
  const entries = page.getByRole('list', { name: 'Marketplace entries' });
  await expect(entries.locator('[data-entry]')).toHaveCount(2);
  await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Messaging' }).click();
  await expect(entries.locator('[data-entry]')).toHaveCount(1);
  await expect(entries.locator('[data-entry="events"]')).toBeVisible();
  await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'All' }).click();
  await page.getByLabel('Search the marketplace').fill('postgres');
  await expect(entries.locator('[data-entry]')).toHaveCount(1);
  // The list is re-rendered by the search as it settles: click until the entry page is open.
  await expect(async () => {
    await entries.getByRole('link', { name: 'orders-db' }).click();
    await expect(page).toHaveURL(/\/platform\/marketplace\/orders-db/, { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });

  // The entry: How to use, availability, the secret only as "set".
  const howTo = page.getByRole('list', { name: 'Environment variables a connection provides' });
  await expect(howTo).toContainText('MY_CONN_HOSTNAME');
  await expect(howTo).toContainText('MY_CONN_PASSWORD');
  const dev = page.locator('[data-environment="development"]');
  await expect(dev).toContainText('Available');
  await expect(dev).toContainText('db.internal');
  await expect(dev).toContainText('set');
  await expect(page.locator('body')).not.toContainText(SECRET);
  await shots(page, 'marketplace-entry');

  // Connect the component, editing one variable name.
  const connections = `/o/${api.slug}/projects/shop/components/web/connections`;
  await page.goto(connections);
  const connect = await openDialog(page.getByRole('button', { name: 'Create connection' }), page.getByRole('dialog', { name: 'Create a connection' }));
  await connect.getByLabel('Entry').selectOption('orders-db');
  await connect.getByLabel('Connection name').fill('orders');
  await expect(connect.getByLabel('Password')).toHaveValue('ORDERS_PASSWORD');
  await connect.getByLabel('HostName').fill('DB_HOST');
  await connect.getByRole('button', { name: 'Create', exact: true }).click();
  const row = page.locator('[data-connection="orders"]');
  await expect(row).toContainText('DB_HOST');
  await expect(row).toContainText('ORDERS_PASSWORD');

  // Deploy: the connection is applied; a re-publish asks for a redeploy.
  await api.deploy('shop', 'web', { tag: '1.0', environment: 'development' });
  await page.reload();
  await expect(row).toContainText('Applied');
  await api.post('/marketplace', { name: 'orders-db', version: '1.0', category: 'Database', connectionCredentials: [{ environments: ['development'], parameters: [{ key: 'HostName', value: 'db2.internal' }, { key: 'Password', value: SECRET, isSecret: true }] }] }, 200);
  await page.reload();
  await expect(row).toContainText('Redeploy to apply (development)');
  await shots(page, 'connections-redeploy');
  await api.deploy('shop', 'web', { tag: '1.0', environment: 'development' });
  await page.reload();
  await expect(row).toContainText('Applied');

  // The new release froze the re-published values: Previous Images names the key that changed, never a value.
  await page.goto(`/o/${api.slug}/projects/shop/components/web/deploy`);
  await page.getByRole('button', { name: 'Update Image & Deploy' }).click();
  const deployDialog = page.getByRole('dialog', { name: 'Update Image & Deploy' });
  await deployDialog.getByRole('tab', { name: 'Previous Images' }).click();
  await expect(deployDialog.getByTestId('release-changes').first()).toContainText('connections ~orders.HostName @ development');
  await expect(page.locator('body')).not.toContainText(SECRET);
  await shots(page, 'connections-release-changes');

  // A config variable the connection already sets is refused, naming the connection.
  await page.goto(`/o/${api.slug}/projects/shop/components/web/configs`);
  const add = await openDialog(page.getByRole('button', { name: 'Add config' }).first(), page.getByRole('dialog', { name: 'Add a config' }));
  await add.getByLabel('Name', { exact: true }).fill('DB_HOST');
  await add.getByLabel('Value', { exact: true }).fill('elsewhere');
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(add).toContainText(/DB_HOST is (already )?set by connection "orders"/);
  await expect(add).toBeVisible();
  await shots(page, 'connections-config-clash');
});
