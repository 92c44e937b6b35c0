import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { buildTestImage, podmanEnv, pushImage } from '../lib/testing/images';
import { startRegistry, type TestRegistry } from '../lib/testing/registry';
import { admin, baseURL, dismissToasts, newOrg, openMenu, removeOrgContainers, shot, type OrgApi } from './support';

// A component's whole lifecycle in the console, on a real registry and real containers: first
// deploy in one step, config changes that choose where they apply, promotion approval, moving
// registries, deleting the component (nothing left in `podman ps -a`) and then its project;
// members: revoking and resending invitations, the last admin, and sign-in returning to the page.

const orgs: string[] = [];
let reg: TestRegistry;
const run = promisify(execFile);

const test = base.extend<object, { registry: void }>({
  registry: [
    async ({}, use) => {
      reg = await startRegistry({ auth: 'anonymous' });
      try {
        await pushImage(await buildTestImage({ message: 'hello lifecycle' }), `${reg.host}/team/hello:1.0`);
        await use();
      } finally {
        for (const slug of orgs.splice(0)) await removeOrgContainers(slug);
        await reg.stop();
      }
    },
    { scope: 'worker', auto: true, timeout: 300_000 },
  ],
});

async function world(page: Page) {
  const api = await newOrg(page, 'orbit-life', 'Orbit Lifecycle');
  orgs.push(api.slug);
  await api.post('/projects', { name: 'shop', displayName: 'Shop' }, 201);
  const registry = (await api.post('/registries', { authType: 'anonymous', displayName: 'Team registry', host: reg.host }, 201)) as { id: string };
  const project = `/o/${api.slug}/projects/shop`;
  return { api, registry, project };
}

const card = (page: Page, env: string) => page.locator(`[data-environment="${env}"]`);
const running = (page: Page, env: string) => expect(card(page, env).locator('[data-state="running"]')).toBeVisible({ timeout: 90_000 });

async function createComponent(api: OrgApi, registryId: string, name = 'hello') {
  await api.post('/projects/shop/components', { name, displayName: 'Hello', type: 'service', registryId, image: `${reg.host}/team/hello:1.0` }, 201);
}

/** Every container of the organisation's component, stopped ones included. */
async function containersOf(org: string, component: string) {
  const { stdout } = await run('podman', ['ps', '-aq', '--filter', `label=gantry.org=${org}`, '--filter', `label=gantry.component=${component}`], { env: podmanEnv() });
  return stdout.split('\n').filter(Boolean);
}

/** A second person of the organisation, invited with `role`, signed in in a browser context of their own. */
async function member(browser: Browser, api: OrgApi, role: string) {
  const email = `${role}-${Date.now().toString(36)}@example.com`;
  const { invitationUrl } = (await api.post('/members', { email, role }, 201)) as { invitationUrl: string };
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(invitationUrl);
  await page.getByLabel('Your name').fill(`The ${role}`);
  await page.getByLabel('Password').fill('member-Pa55word-2026');
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${api.slug}`));
  return { page, close: () => context.close() };
}

test('first deploy in one step: Create and deploy, and Deploy 1.0 to Development for one created without', async ({ page }) => {
  test.setTimeout(180_000);
  const { api, registry, project } = await world(page);
  await page.goto(`${project}/components/new`);
  await page.getByLabel('Display name').fill('Web');
  await page.getByLabel('Image URL').fill(`${reg.host}/team/hello:1.0`);
  await expect(page.getByRole('button', { name: 'Create only' })).toBeVisible();
  await shot(page, 'lifecycle-01-create-and-deploy-1280');
  await page.getByRole('button', { name: 'Create and deploy' }).click();
  await expect(page).toHaveURL(`${project}/components/web/deploy`);
  await running(page, 'development');
  await expect(page.getByRole('button', { name: /^Deploy .* to Development$/ })).toHaveCount(0);

  // Created without deploying: the Build Area offers the first deploy in one click.
  await createComponent(api, registry.id);
  await page.goto(`${project}/components/hello/deploy`);
  await expect(card(page, 'development').getByText('Not deployed')).toBeVisible();
  await shot(page, 'lifecycle-02-first-deploy-1280');
  await page.getByRole('button', { name: 'Deploy 1.0 to Development' }).click();
  await running(page, 'development');
  // Update Image Tag starts on the current tag.
  await page.getByRole('button', { name: 'Update Image & Deploy' }).click();
  await expect(page.getByRole('dialog', { name: 'Update Image & Deploy' }).getByLabel('Image tag', { exact: true })).toHaveValue('1.0');
});

test('a config change can be saved for the next deploy instead of redeploying', async ({ page }) => {
  test.setTimeout(150_000);
  const { api, registry, project } = await world(page);
  await createComponent(api, registry.id);
  await api.deploy('shop', 'hello', { tag: '1.0' });
  await page.goto(`${project}/components/hello/configs`);
  await page.getByRole('button', { name: 'Add config' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a config' });
  await dialog.getByLabel('Name', { exact: true }).fill('GREETING');
  await dialog.getByLabel('Value', { exact: true }).fill('hi');
  const development = dialog.getByRole('checkbox', { name: 'Development' });
  await expect(development).toBeChecked();
  await development.uncheck();
  await expect(dialog).toContainText('Saved only: it applies at the next deployment.');
  await shot(page, 'lifecycle-03-config-redeploy-choice-1280');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved GREETING, saved: applies on next deploy.' })).toBeVisible();
  const history = (await api.get('/projects/shop/components/hello/deployments')) as { items: unknown[] };
  expect(history.items).toHaveLength(1);
});

test('a promotion to production waits for approval; an admin approves it on the Deploy page', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { api, registry, project } = await world(page);
  await createComponent(api, registry.id);
  await api.deploy('shop', 'hello', { tag: '1.0' });
  await api.deploy('shop', 'hello', { from: 'development', to: 'staging' }, 'promote');
  await page.goto(`/o/${api.slug}/settings/promotions`);
  await page.getByRole('checkbox', { name: /Require approval for promotions to Production/ }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'now wait for approval' })).toBeVisible();

  const dev = await member(browser, api, 'developer');
  try {
    await dev.page.goto(`${project}/components/hello/deploy`);
    await card(dev.page, 'staging').getByRole('button', { name: 'Request promotion to Production' }).click();
    const ask = dev.page.getByRole('dialog', { name: 'Request promotion to Production' });
    await expect(ask).toContainText('need approval');
    await ask.getByRole('button', { name: 'Request approval' }).click();
    await expect(card(dev.page, 'staging').getByTestId('pending-promotion')).toContainText('Waiting for approval');
    await expect(card(dev.page, 'staging').getByRole('button', { name: 'Approve' })).toHaveCount(0);
  } finally {
    await dev.close();
  }

  await page.goto(`/o/${api.slug}/settings/promotions`);
  await expect(page.getByRole('table', { name: 'Promotions waiting for approval' })).toContainText('Hello');
  await page.goto(`${project}/components/hello/deploy`);
  const pending = card(page, 'staging').getByTestId('pending-promotion');
  await expect(pending).toContainText('requested by');
  await dismissToasts(page);
  await shot(page, 'lifecycle-04-pending-promotion-1280');
  await pending.getByRole('button', { name: 'Approve' }).click();
  await running(page, 'production');
  const audit = (await api.get('/audit-events?limit=50')) as { items: { action: string }[] };
  expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['promotion.request', 'promotion.approve', 'deployment.promote']));
});

test('move to another registry, then delete the component: no container is left, and the empty project deletes', async ({ page }) => {
  test.setTimeout(240_000);
  const { api, registry, project } = await world(page);
  await createComponent(api, registry.id);
  await api.deploy('shop', 'hello', { tag: '1.0' });
  await api.deploy('shop', 'hello', { from: 'development', to: 'staging' }, 'promote');
  expect(await containersOf(api.slug, 'hello')).toHaveLength(2);

  // The same registry registered again (a mirror): moving re-resolves the image there.
  await api.post('/registries', { authType: 'anonymous', displayName: 'Mirror', host: reg.host }, 201);
  await page.goto(`${project}/components/hello/settings`);
  await page.getByRole('button', { name: 'Move to another registry…' }).click();
  const move = page.getByRole('dialog', { name: 'Move to another registry' });
  await expect(move.getByLabel('Registry')).toBeFocused();
  await shot(page, 'lifecycle-05-move-registry-1280');
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Moved: deployments now pull' })).toBeVisible();
  await expect(page.getByText('Mirror (', { exact: false })).toBeVisible();
  const old = await page.request.delete(`/api/v1/orgs/${api.slug}/registries/${registry.id}`, { headers: { authorization: `Bearer ${api.key}` } });
  expect(old.status(), await old.text()).toBe(204);

  await page.getByRole('button', { name: 'Delete component…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Hello' });
  await expect(confirm).toContainText('Development, Staging');
  const button = confirm.getByRole('button', { name: 'Delete component' });
  await expect(button).toBeDisabled();
  await confirm.getByLabel('Type hello to confirm').fill('hello');
  await shot(page, 'lifecycle-06-delete-component-1280');
  await button.click();
  await expect(page).toHaveURL(project);
  await expect(page.getByRole('status').filter({ hasText: 'removed from development, staging' })).toBeVisible();
  expect(await containersOf(api.slug, 'hello')).toEqual([]);

  // The project is empty now: deleting it works.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const del = page.getByRole('dialog', { name: 'Delete project' });
  await del.getByLabel('Type shop to confirm').fill('shop');
  await del.getByRole('button', { name: 'Delete project' }).click();
  await expect(page).toHaveURL(`/o/${api.slug}`);
  const audit = (await api.get('/audit-events?limit=50')) as { items: { action: string }[] };
  expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['component.move-registry', 'component.delete', 'project.delete', 'component.create']));
});

test('members: resend and revoke a pending invitation; the only admin is locked', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { api } = await world(page);
  const { invitationUrl: first } = (await api.post('/members', { email: 'pending@example.com', role: 'viewer' }, 201)) as { invitationUrl: string };
  await page.goto(`/o/${api.slug}/settings/members`);
  await expect(page.getByText('The only admin: make someone else admin first.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Leave / })).toHaveCount(0);
  const invitations = page.getByRole('table', { name: 'Pending invitations' });
  await invitations.getByRole('button', { name: 'Resend invitation to pending@example.com' }).click();
  const link = page.getByRole('dialog', { name: 'New invitation link' });
  const url = await link.getByRole('textbox', { name: 'Invitation link' }).inputValue();
  expect(url).toMatch(/\/invite\/gin_/);
  expect(url).not.toBe(first);
  await shot(page, 'lifecycle-07-resent-invitation-1280');
  await link.getByRole('button', { name: 'Done' }).click();
  // The list re-renders with the resent invitation after Done: click until the confirmation shows.
  const revoke = page.getByRole('dialog', { name: 'Revoke invitation' });
  await openMenu(invitations.getByRole('button', { name: 'Revoke invitation to pending@example.com' }), revoke);
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText('No pending invitations.')).toBeVisible();

  // Neither link works now.
  const context = await browser.newContext({ baseURL });
  try {
    const stranger = await context.newPage();
    for (const u of [first, url]) {
      await stranger.goto(u);
      await expect(stranger.getByRole('heading', { name: 'Invitation not available' })).toBeVisible();
    }
  } finally {
    await context.close();
  }
});

test('sign-in returns to the page that asked for it, and ignores an off-site next', async ({ browser, page }) => {
  const { api } = await world(page);
  const context = await browser.newContext({ baseURL });
  try {
    const visitor = await context.newPage();
    await visitor.goto(`/o/${api.slug}/settings/members`);
    await expect(visitor).toHaveURL(`/sign-in?next=${encodeURIComponent(`/o/${api.slug}/settings/members`)}`);
    await visitor.getByLabel('Email').fill(admin.email);
    await visitor.getByLabel('Password').fill(admin.password);
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    await expect(visitor).toHaveURL(`/o/${api.slug}/settings/members`);
  } finally {
    await context.close();
  }
  const other = await browser.newContext({ baseURL });
  try {
    const visitor = await other.newPage();
    await visitor.goto('/sign-in?next=//evil.example/steal');
    await visitor.getByLabel('Email').fill(admin.email);
    await visitor.getByLabel('Password').fill(admin.password);
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    await expect(visitor).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/o\/[a-z0-9-]+/);
  } finally {
    await other.close();
  }
});
