import { test as base, expect, type Page } from '@playwright/test';
import { buildTestImage, pushImage } from '../lib/testing/images';
import { startRegistry, type TestRegistry } from '../lib/testing/registry';
import { baseURL, newOrg, removeOrgContainers, shots } from './support';

// Live state: pages tell the truth without reloading. A deployment started elsewhere (CI)
// shows up on an open Deploy page and in the Component Listing; the "Deploying…" toast turns
// into its outcome; history rows say what triggered them.
// Each test makes its own organisation.

const orgs: string[] = [];
let reg: TestRegistry;

const test = base.extend<object, { registry: void }>({
  registry: [
    async ({}, use) => {
      reg = await startRegistry({ auth: 'anonymous' });
      try {
        for (const v of ['1.0', '2.0']) await pushImage(await buildTestImage({ message: `live ${v}` }), `${reg.host}/live/app:${v}`);
        await pushImage(await buildTestImage({ message: 'crash', variant: 'exit-immediately' }), `${reg.host}/live/app:crash`);
        await use();
      } finally {
        for (const slug of orgs.splice(0)) await removeOrgContainers(slug);
        await reg.stop();
      }
    },
    { scope: 'worker', auto: true, timeout: 300_000 },
  ],
});

/** The "app" service in an organisation of this test's own, never deployed, with a CI token. */
async function world(page: Page) {
  const api = await newOrg(page, 'live', 'Live');
  orgs.push(api.slug);
  await api.post('/projects', { name: 'web', displayName: 'Web' }, 201);
  const registry = (await api.post('/registries', { authType: 'anonymous', displayName: 'Live registry', host: reg.host }, 201)) as { id: string };
  await api.post('/projects/web/components', { name: 'app', displayName: 'App', type: 'service', registryId: registry.id, image: `${reg.host}/live/app:1.0` }, 201);
  const { token } = (await api.post('/projects/web/components/app/ci-tokens', { name: 'ci' }, 201)) as { token: string };
  const ciDeploy = async (tag: string) => {
    const res = await fetch(`${baseURL}/api/v1/ci/deploy`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ tag }) });
    expect(res.status, await res.clone().text()).toBe(202);
    return (await res.json()) as { deploymentId: string };
  };
  return { api, ciDeploy, project: `/o/${api.slug}/projects/web`, component: `/o/${api.slug}/projects/web/components/app` };
}

const card = (page: Page, env: string) => page.locator(`[data-environment="${env}"]`);

test('a CI deploy appears on an open Deploy page without reload, within a few seconds', async ({ page }) => {
  test.setTimeout(150_000);
  const { ciDeploy, component } = await world(page);
  await page.goto(`${component}/deploy`);
  await expect(page.getByText('No deployments yet.')).toBeVisible();
  // The page is open and still: nothing polls it (nothing is in flight). Only the change feed can bring the news.
  await page.waitForLoadState('networkidle');
  const navigations: string[] = [];
  page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));

  const { deploymentId } = await ciDeploy('1.0');
  const row = page.locator(`tr[data-deployment="${deploymentId}"]`);
  await expect(row).toBeVisible({ timeout: 5_000 });
  await expect(row.locator('[data-trigger="ci"]')).toHaveText('CI token');
  // …and it follows the rollout to the end, on the card too.
  await expect(card(page, 'development').locator('[data-state="running"]').getByText('1.0', { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(row.getByText('Active')).toBeVisible();
  expect(navigations).toEqual([]);
  await shots(page, 'live-01-ci-deploy-appeared');
});

test('the Component Listing follows a deployment made elsewhere', async ({ page }) => {
  test.setTimeout(150_000);
  const { ciDeploy, project } = await world(page);
  await page.goto(project);
  const appCard = page.locator('main a', { hasText: 'App' });
  await expect(appCard).toBeVisible();
  await expect(appCard.getByText('Active')).toHaveCount(0);
  await ciDeploy('1.0');
  await expect(appCard.getByText('Active')).toBeVisible({ timeout: 90_000 });
  await shots(page, 'live-02-listing-followed');
});

test('the Deploying… toast turns into Deployed, or into Failed with the reason', async ({ page }) => {
  test.setTimeout(200_000);
  const { component } = await world(page);
  await page.goto(`${component}/deploy`);

  const deploy = async (tag: string) => {
    await page.getByRole('button', { name: 'Update Image & Deploy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update Image & Deploy' });
    await dialog.getByLabel('Image tag', { exact: true }).fill(tag);
    await dialog.getByRole('button', { name: 'Deploy' }).click();
    await expect(dialog).toBeHidden();
  };

  await deploy('1.0');
  const toasts = page.locator('[aria-live="polite"]');
  await expect(toasts.getByText(/^Deploying 1\.0 .* to Development…$/)).toBeVisible();
  await expect(toasts.getByText(/^Deployed 1\.0 .* to Development\.$/)).toBeVisible({ timeout: 90_000 });
  await expect(toasts.getByText(/^Deploying 1\.0/)).toHaveCount(0);

  await deploy('crash');
  await expect(toasts.getByRole('alert').filter({ hasText: /^Deploying crash .* to Development failed/ })).toBeVisible({ timeout: 120_000 });
  await shots(page, 'live-03-toast-failed');

  // The history names the trigger of each row: both came from the console.
  const triggers = page.locator('tr[data-deployment] [data-trigger]');
  await expect(triggers).toHaveCount(2);
  await expect(triggers.first()).toHaveText('Console');
});
