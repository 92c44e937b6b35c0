import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { buildTestImage, pushImage } from '../lib/testing/images';
import { startRegistry, type TestRegistry } from '../lib/testing/registry';
import { baseURL, dismissToasts, newOrg, shot } from './support';

// Settings › Credentials › Container Registries against REAL registries on 127.0.0.1:
// anonymous, Basic (htpasswd) and Bearer token (Docker Hub style), each holding an image
// pushed with podman. Each test has an organisation of its own, with the registries it
// starts from registered through the REST API.

const viewer = { name: 'Vera Viewer', email: 'vera@example.com', password: 'gantry-viewer-2026' };
const basicUser = { username: 'alice', password: 'alice-Basic-S3cret-2026' };
const tokenUser = { username: 'bob', password: 'bob-Token-S3cret-2026' };
const dockerAuth = Buffer.from(`${basicUser.username}:${basicUser.password}`).toString('base64');
const secrets = [basicUser.password, tokenUser.password, dockerAuth];
const credentialsPage = (slug: string) => `/o/${slug}/settings/credentials`;

let anon: TestRegistry;
let basic: TestRegistry;
let token: TestRegistry;

// The three registries and their image are a worker fixture, not a beforeAll hook: if building them
// fails, the test that needed them fails and the next one (in a fresh worker) tries again,
// instead of the whole file being skipped.
const test = base.extend<object, { registries: void }>({
  registries: [
    async ({}, use) => {
      try {
        [anon, basic, token] = await Promise.all([
          startRegistry({ auth: 'anonymous' }),
          startRegistry({ auth: 'basic', ...basicUser }),
          startRegistry({ auth: 'token', ...tokenUser }),
        ]);
        const image = await buildTestImage({ message: 'hello from the registries e2e' });
        await pushImage(image, `${anon.host}/team/hello:1.0`);
        await pushImage(image, `${basic.host}/team/hello:1.0`, basicUser);
        await pushImage(image, `${token.host}/team/hello:1.0`, tokenUser);
        await use();
      } finally {
        await Promise.all([anon?.stop(), basic?.stop(), token?.stop()]);
      }
    },
    { scope: 'worker', auto: true, timeout: 300_000 },
  ],
});

/** An organisation of this test's own holding the five registries the first test registers by hand (`team` names the Basic one). */
async function withRegistries(page: Page, team = 'Team private') {
  const api = await newOrg(page, 'acme-registries', 'Acme Registries');
  const add = (data: Record<string, unknown>) => api.post('/registries', data, 201);
  await add({ authType: 'anonymous', displayName: 'Local public', host: anon.host });
  await add({ authType: 'basic', displayName: team, host: basic.host, ...basicUser });
  await add({ authType: 'docker-config', displayName: 'Team via Docker config', dockerConfig: JSON.stringify({ auths: { [basic.host]: { auth: dockerAuth } } }) });
  await add({ authType: 'basic', displayName: 'Hub-style registry', host: token.host, ...tokenUser });
  await add({ authType: 'vendor', displayName: 'EKS node role', host: token.host });
  return api.slug;
}

const row = (page: Page, name: string) => page.locator(`tr[data-registry="${name}"]`);

async function expectNoSecrets(page: Page) {
  const html = await page.content();
  for (const s of secrets) expect(html).not.toContain(s);
}

async function openAdd(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Add Registry' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a container registry' });
  await expect(dialog.getByLabel('Registry display name')).toBeFocused();
  return dialog;
}

async function testConnection(dialog: Locator) {
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('button', { name: 'Test connection' })).toBeEnabled({ timeout: 30_000 });
}

async function save(page: Page, dialog: Locator, toast: string) {
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: toast }).last()).toBeVisible();
}

test('a manager registers one registry of each authentication type and tests each', async ({ page }) => {
  test.setTimeout(120_000);
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    // Not 404s of resources (other pages' prefetches): errors of this page's own code.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  const { slug } = await newOrg(page, 'acme-registries', 'Acme Registries');
  await page.goto(credentialsPage(slug));
  await expect(page.getByRole('heading', { name: 'Container Registries', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No container registries yet' })).toBeVisible();
  await shot(page, 'registries-01-empty-1280');

  // Escape closes the dialog and gives focus back to the button that opened it.
  let dialog = await openAdd(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Add Registry' })).toBeFocused();

  // Public (anonymous), with pull access to an image.
  dialog = await openAdd(page);
  await dialog.getByLabel('Registry display name').fill('Local public');
  await expect(dialog.getByRole('radio', { name: 'Public (anonymous)' })).toBeChecked();
  await expect(dialog.getByLabel('Username')).toHaveCount(0);
  await dialog.getByLabel('Registry host').fill(anon.host);
  await dialog.getByLabel('Image to check (optional)').fill('team/hello:1.0');
  await testConnection(dialog);
  await expect(dialog.getByText('Connection OK')).toBeVisible();
  await expect(dialog.getByText(`Connected to ${anon.host} (no sign-in required); ${anon.host}/team/hello:1.0 can be pulled`)).toBeVisible();
  await dialog.getByText('Connection OK').scrollIntoViewIfNeeded();
  await shot(page, 'registries-02-add-anonymous-ok-1280');
  await save(page, dialog, 'Registry “Local public” added.');
  await expect(row(page, 'Local public')).toContainText(anon.host);
  await expect(row(page, 'Local public')).toContainText('Public');

  // Basic: field errors first, then a wrong password fails clearly, then the right one passes.
  dialog = await openAdd(page);
  await dialog.getByRole('radio', { name: 'Basic authentication' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Registry display name is required.')).toBeVisible();
  await expect(dialog.getByLabel('Registry display name')).toBeFocused();
  await expect(dialog.getByLabel('Registry display name')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Password or access token')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'registries-03-field-errors-1280');
  await dialog.getByLabel('Registry display name').fill('Team private');
  await dialog.getByLabel('Registry host').fill(`https://${basic.host}/v2`);
  await dialog.getByLabel('Username').fill(basicUser.username);
  await dialog.getByLabel('Password or access token').fill('wrong-password');
  await dialog.getByLabel('Image to check (optional)').fill('team/hello:1.0');
  await testConnection(dialog);
  await expect(dialog.getByText('Enter the host only, without https://', { exact: false })).toBeVisible();
  await dialog.getByLabel('Registry host').fill(basic.host);
  await testConnection(dialog);
  await expect(dialog.getByText('Connection failed')).toBeVisible();
  await expect(dialog.getByText(`The registry ${basic.host} refused the credentials (wrong username or password/token).`)).toBeVisible();
  await dialog.getByText('Connection failed').scrollIntoViewIfNeeded();
  await shot(page, 'registries-04-add-basic-failed-1280');
  await dialog.getByLabel('Password or access token').fill(basicUser.password);
  await expect(dialog.getByText('Connection failed')).toHaveCount(0);
  await testConnection(dialog);
  await expect(dialog.getByText(`Signed in to ${basic.host} as alice; ${basic.host}/team/hello:1.0 can be pulled`)).toBeVisible();
  // Enter in a field submits the form.
  await dialog.getByLabel('Password or access token').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Registry “Team private” added.' })).toBeVisible();
  await expect(row(page, 'Team private')).toContainText('as alice');

  // Docker config built from the Basic registry's credentials; exactly one "auths" entry.
  dialog = await openAdd(page);
  await dialog.getByLabel('Registry display name').fill('Team via Docker config');
  await dialog.getByRole('radio', { name: 'Docker config' }).check();
  await expect(dialog.getByLabel('Registry host')).toHaveCount(0);
  const config = dialog.getByLabel('Docker config JSON');
  await config.fill(JSON.stringify({ auths: { [basic.host]: { auth: dockerAuth }, 'ghcr.io': { auth: dockerAuth } } }, null, 2));
  await expect(dialog.getByText('“auths” names 2 registries; exactly one is allowed.')).toBeVisible();
  await testConnection(dialog);
  await expect(dialog.getByText(/The "auths" entry names 2 registries/)).toBeVisible();
  await expect(config).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByText('How do I get one?').click();
  await expect(dialog.getByText("--dry-run=client -o jsonpath='{.data.\\.dockerconfigjson}' | base64 -d", { exact: false })).toBeVisible();
  await config.fill(JSON.stringify({ auths: { [basic.host]: { auth: dockerAuth } } }, null, 2));
  await expect(dialog.getByText(`Registry: ${basic.host}.`, { exact: false })).toBeVisible();
  await dialog.getByLabel('Image to check (optional)').fill('team/hello:1.0');
  await testConnection(dialog);
  await expect(dialog.getByText(`Signed in to ${basic.host} as alice; ${basic.host}/team/hello:1.0 can be pulled`)).toBeVisible();
  await dialog.getByText('Connection OK').scrollIntoViewIfNeeded();
  await shot(page, 'registries-05-add-docker-config-ok-1280');
  await save(page, dialog, 'Registry “Team via Docker config” added.');
  await expect(row(page, 'Team via Docker config')).toContainText('Docker config');
  await expect(row(page, 'Team via Docker config')).toContainText(basic.host);

  // Basic against a Bearer-token registry (Docker Hub style); vendor guidance along the way.
  dialog = await openAdd(page);
  await dialog.getByLabel('Registry display name').fill('Hub-style registry');
  await dialog.getByRole('radio', { name: 'Basic authentication' }).check();
  const host = dialog.getByLabel('Registry host');
  const guides: [string, string, string][] = [
    ['registry.hub.docker.com', 'Docker Hub', 'registry.docker.com'],
    ['ghcr.io', 'GitHub Container Registry', 'personal access token (classic)'],
    ['europe-west1-docker.pkg.dev', 'Google Artifact Registry', 'Artifact Registry Reader role'],
    ['myteam.azurecr.io', 'Azure Container Registry', 'az aks update --attach-acr NAME'],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'Amazon ECR', 'AmazonEC2ContainerRegistryReadOnly'],
  ];
  for (const [typed, vendor, detail] of guides) {
    await host.fill(typed);
    const help = dialog.getByText(`Help for ${vendor}`);
    await expect(help).toBeVisible();
    await expect(dialog.getByText(detail, { exact: false })).toBeHidden();
    await help.click();
    await expect(dialog.getByText(detail, { exact: false }).first()).toBeVisible();
    if (vendor === 'GitHub Container Registry') {
      await expect(dialog.getByText('Your GitHub password is refused', { exact: false }).first()).toBeVisible();
      await dialog.getByText('Public packages can be pulled with', { exact: false }).scrollIntoViewIfNeeded();
      await shot(page, 'registries-06-help-ghcr-1280');
    }
    if (vendor === 'Google Artifact Registry') await expect(dialog.getByText('Use _json_key for a service-account key.')).toBeVisible();
  }
  // ECR with Basic: the 12-hour warning; gone once Vendor-specific is chosen.
  const ecrWarning = dialog.getByText('AWS ECR passwords (from', { exact: false });
  await expect(ecrWarning).toBeVisible();
  await ecrWarning.scrollIntoViewIfNeeded();
  await shot(page, 'registries-07-ecr-warning-1280');
  await dialog.getByRole('radio', { name: 'Vendor-specific' }).check();
  await expect(ecrWarning).toBeHidden();
  await dialog.getByRole('radio', { name: 'Basic authentication' }).check();
  await host.fill(token.host);
  await expect(dialog.getByText(/^Help for/)).toHaveCount(0);
  await dialog.getByLabel('Username').fill(tokenUser.username);
  await dialog.getByLabel('Password or access token').fill(tokenUser.password);
  await dialog.getByLabel('Image to check (optional)').fill('team/hello:1.0');
  await testConnection(dialog);
  await expect(dialog.getByText(`Signed in to ${token.host} as bob; ${token.host}/team/hello:1.0 can be pulled`)).toBeVisible();
  await save(page, dialog, 'Registry “Hub-style registry” added.');

  // Vendor-specific: reachable, but pull access belongs to the data plane.
  dialog = await openAdd(page);
  await dialog.getByLabel('Registry display name').fill('EKS node role');
  await dialog.getByRole('radio', { name: 'Vendor-specific' }).check();
  await expect(dialog.getByLabel('Image to check (optional)')).toHaveCount(0);
  await dialog.getByLabel('Registry host').fill(token.host);
  await testConnection(dialog);
  await expect(dialog.getByText('Reachable, but access cannot be verified')).toBeVisible();
  await expect(dialog.getByText('cannot be verified from the control plane', { exact: false })).toBeVisible();
  await dialog.getByText('Reachable, but access cannot be verified').scrollIntoViewIfNeeded();
  await shot(page, 'registries-08-add-vendor-unverifiable-1280');
  await save(page, dialog, 'Registry “EKS node role” added.');

  // Test connection per saved registry: a spinner, then the row shows the result.
  for (const name of ['Local public', 'Team private', 'Team via Docker config', 'Hub-style registry']) {
    // Each was tested in its dialog before saving: the list keeps that as its last test.
    await expect(row(page, name)).toContainText('OK · ');
    await row(page, name).getByRole('button', { name: `Test connection to ${name}` }).click();
    await expect(row(page, name)).toContainText('OK · just now');
  }
  await row(page, 'EKS node role').getByRole('button', { name: 'Test connection to EKS node role' }).click();
  await expect(row(page, 'EKS node role')).toContainText('Reachable · just now');
  await expect(row(page, 'EKS node role')).toContainText('Pull access cannot be verified from the control plane.');
  await expect(page.getByRole('table', { name: 'Container registries' }).getByRole('row')).toHaveCount(6);
  await expectNoSecrets(page);
  await dismissToasts(page);
  await shot(page, 'registries-09-list-1280');
  await page.setViewportSize({ width: 800, height: 900 });
  await shot(page, 'registries-10-list-800');
  await openAdd(page);
  await page.getByRole('dialog', { name: 'Add a container registry' }).getByRole('radio', { name: 'Basic authentication' }).check();
  await shot(page, 'registries-11-add-dialog-800');
  // Relative times render from the server's clock first: no hydration mismatch, no client errors.
  expect(consoleErrors).toEqual([]);
});

test('editing never echoes a secret; a wrong password fails clearly; leaving it empty keeps it', async ({ page }) => {
  test.setTimeout(90_000);
  const slug = await withRegistries(page);
  await page.goto(credentialsPage(slug));
  const team = row(page, 'Team private');

  await team.getByRole('button', { name: 'Edit Team private' }).click();
  let dialog = page.getByRole('dialog', { name: 'Edit Team private' });
  await expect(dialog.getByLabel('Registry display name')).toHaveValue('Team private');
  await expect(dialog.getByRole('radio', { name: 'Basic authentication' })).toBeChecked();
  await expect(dialog.getByLabel('Registry host')).toHaveValue(basic.host);
  await expect(dialog.getByLabel('Username')).toHaveValue(basicUser.username);
  const password = dialog.getByLabel('Password or access token');
  await expect(password).toHaveValue('');
  await expect(password).toHaveAttribute('placeholder', '•••••• (unchanged — type to replace)');
  await expect(password).toHaveAttribute('type', 'password');
  await expectNoSecrets(page);
  // Test connection with the stored password (it never comes to the browser).
  await testConnection(dialog);
  await expect(dialog.getByText(`Signed in to ${basic.host} as alice.`)).toBeVisible();
  await shot(page, 'registries-12-edit-1280');

  // Rotate to a wrong password: the row's test fails with a clear message.
  await password.fill('not-the-password');
  await save(page, dialog, 'Registry “Team private” saved.');
  // The dialog's test was of the old password: the new one has no test yet.
  await expect(team).toContainText('Not tested yet');
  await team.getByRole('button', { name: 'Test connection to Team private' }).click();
  await expect(team).toContainText(`Failed: The registry ${basic.host} refused the credentials (wrong username or password/token).`);
  await expect(page.getByRole('alert').filter({ hasText: 'Team private: The registry' })).toBeVisible();
  await shot(page, 'registries-13-row-failed-1280');
  await dismissToasts(page);

  // Put the right password back.
  await team.getByRole('button', { name: 'Edit Team private' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit Team private' });
  await dialog.getByLabel('Password or access token').fill(basicUser.password);
  await save(page, dialog, 'Registry “Team private” saved.');

  // Rename without typing the password: it is kept.
  await team.getByRole('button', { name: 'Edit Team private' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit Team private' });
  await expect(dialog.getByLabel('Password or access token')).toHaveValue('');
  await dialog.getByLabel('Registry display name').fill('Team registry');
  await dialog.getByLabel('Registry display name').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Registry “Team registry” saved.' })).toBeVisible();
  const renamed = row(page, 'Team registry');
  await renamed.getByRole('button', { name: 'Test connection to Team registry' }).click();
  await expect(renamed).toContainText('OK · just now');

  // Moving the registry to another host needs the password again, to test and to save: the
  // stored one is only ever sent to the host it was saved for.
  await renamed.getByRole('button', { name: 'Edit Team registry' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit Team registry' });
  await dialog.getByLabel('Registry host').fill(token.host);
  const moved = dialog.getByLabel('Password or access token');
  await expect(moved).not.toHaveAttribute('placeholder', /unchanged/);
  await expect(dialog.getByText('Required: the host or plain-HTTP setting changed', { exact: false })).toBeVisible();
  await testConnection(dialog);
  await expect(moved).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(moved).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The Docker config registry: the config is never shown back either.
  await row(page, 'Team via Docker config').getByRole('button', { name: 'Edit Team via Docker config' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit Team via Docker config' });
  const config = dialog.getByLabel('Docker config JSON');
  await expect(config).toHaveValue('');
  await expect(config).toHaveAttribute('placeholder', '•••••• (unchanged — paste a new config to replace)');
  await expect(dialog.getByText(`Stored: ${basic.host} as alice. Leave empty to keep it.`)).toBeVisible();
  await expectNoSecrets(page);
  await page.setViewportSize({ width: 800, height: 900 });
  await shot(page, 'registries-14-edit-docker-config-800');
  await page.keyboard.press('Escape');

  await page.reload();
  await expectNoSecrets(page);
});

test('deleting asks for confirmation first, and is refused while a component pulls from the registry', async ({ page, request }) => {
  const slug = await withRegistries(page, 'Team registry');
  await page.goto(credentialsPage(slug));
  const local = row(page, 'Local public');
  await local.getByRole('button', { name: 'Delete Local public' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete registry' });
  await expect(confirm).toContainText(`Delete Local public (${anon.host})?`);
  await shot(page, 'registries-15-delete-confirm-1280');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(local).toBeVisible();

  await local.getByRole('button', { name: 'Delete Local public' }).click();
  await confirm.getByRole('button', { name: 'Delete registry' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Registry “Local public” deleted.' })).toBeVisible();
  await expect(local).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Container registries' }).getByRole('row')).toHaveCount(5);

  // A component that pulls from "Team registry", made through the REST API with a key from the console.
  await page.goto(`/o/${slug}/settings/api-keys`);
  await page.getByRole('button', { name: 'Create API key' }).click();
  const keyDialog = page.getByRole('dialog', { name: 'Create an API key' });
  await keyDialog.getByLabel('Name').fill('registries-e2e');
  await keyDialog.getByLabel('Role').selectOption('developer');
  await keyDialog.getByRole('button', { name: 'Create key' }).click();
  await expect(keyDialog.getByRole('textbox', { name: 'API key' })).toHaveValue(/^gak_/);
  const headers = { authorization: `Bearer ${await keyDialog.getByRole('textbox', { name: 'API key' }).inputValue()}` };
  await keyDialog.getByRole('button', { name: 'Done' }).click();
  const api = `/api/v1/orgs/${slug}`;
  const { items } = (await (await request.get(`${api}/registries`, { headers })).json()) as { items: { id: string; displayName: string }[] };
  const teamId = items.find((r) => r.displayName === 'Team registry')?.id;
  expect(teamId).toBeTruthy();
  const project = await request.post(`${api}/projects`, { headers, data: { name: 'shop', displayName: 'Shop' } });
  expect(project.status(), await project.text()).toBe(201);
  const component = await request.post(`${api}/projects/shop/components`, {
    headers,
    data: { name: 'storefront', displayName: 'Storefront', type: 'service', registryId: teamId, image: `${basic.host}/team/hello:1.0` },
  });
  expect(component.status(), await component.text()).toBe(201);

  await page.goto(credentialsPage(slug));
  const team = row(page, 'Team registry');
  await expect(team).toContainText('Used by 1 component');
  await team.getByRole('button', { name: 'Delete Team registry' }).click();
  await expect(confirm).toContainText('Used by 1 component: shop/storefront.');
  await confirm.getByRole('button', { name: 'Delete registry' }).click();
  await expect(confirm.getByRole('alert')).toHaveText('"Team registry" is used by 1 component: shop/storefront. Move them to another registry first.');
  await expect(confirm).toBeVisible();
  await shot(page, 'registries-16-delete-refused-1280');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(team).toBeVisible();
});

test('a viewer sees registry names and hosts, read-only', async ({ page, browser }) => {
  const slug = await withRegistries(page, 'Team registry');
  await page.goto(`/o/${slug}/settings/members`);
  await page.getByRole('button', { name: 'Invite member' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite a member' });
  await invite.getByLabel('Email').fill(viewer.email);
  await invite.getByLabel('Role').selectOption('viewer');
  await invite.getByRole('button', { name: 'Invite' }).click();
  const link = await invite.getByRole('textbox', { name: 'Invitation link' }).inputValue();

  const context = await browser.newContext({ baseURL, viewport: { width: 800, height: 900 } });
  const v = await context.newPage();
  await v.goto(link);
  await v.getByLabel('Your name').fill(viewer.name);
  await v.getByLabel('Password').fill(viewer.password);
  await v.getByRole('button', { name: 'Create account and join' }).click();
  await expect(v).toHaveURL(`/o/${slug}`);

  await v.goto(credentialsPage(slug));
  const table = v.getByRole('table', { name: 'Container registries' });
  await expect(table).toContainText('Team registry');
  await expect(table).toContainText(basic.host);
  await expect(table).toContainText('EKS node role');
  await expect(v.getByRole('button', { name: 'Add Registry' })).toHaveCount(0);
  await expect(table.getByRole('button')).toHaveCount(0);
  await expect(table).not.toContainText('alice');
  await expect(table).not.toContainText('Last test');
  await expectNoSecrets(v);
  await shot(v, 'registries-17-viewer-800');
  await context.close();
});
