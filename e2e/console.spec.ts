import { expect, test } from '@playwright/test';
import { admin, baseURL, developer, ensureAdmin, ensureOrg, newOrgWithoutKey, openMenu, shot, signIn, signInAsAdmin } from './support';

// The console's first steps. The first test is the first run, so it needs a fresh server (each
// run of the suite starts one); every later test makes what it needs itself (the admin, a
// second organisation, an organisation of its own), so one failure does not fail the rest.

const acme = { name: 'Acme Robotics', slug: 'acme-robotics' };

test('first run creates the admin and their organization', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Gantry' })).toBeVisible();

  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByLabel('Organization name').fill(acme.name);
  await expect(page.getByLabel('Organization slug')).toHaveValue(acme.slug);
  await shot(page, '01-setup');

  await page.getByRole('button', { name: 'Create admin and organization' }).click();
  await expect(page).toHaveURL(`/o/${acme.slug}`);
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Organization Acme Robotics/ })).toBeVisible();
  await shot(page, '02-org-empty-1280');

  // Setup is closed once an account exists.
  await page.goto('/setup');
  await expect(page).not.toHaveURL(/\/setup$/);
});

test('sign out, then sign in again', async ({ page, browser }) => {
  await ensureAdmin(browser);
  await page.goto(`/o/${acme.slug}`);
  // Sent to sign in, and back to the page that asked for it afterwards (?next=, a path on this console only).
  await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(`/o/${acme.slug}`)}`);

  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('The email or password is incorrect.')).toBeVisible();
  await shot(page, '03-sign-in-error');

  await page.getByLabel('Password').fill(admin.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`/o/${acme.slug}`);

  const signOut = page.getByRole('menuitem', { name: 'Sign out' });
  await openMenu(page.getByRole('button', { name: new RegExp(`^${admin.name}\\s*,\\s*account$`) }), signOut);
  await signOut.click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto(`/o/${acme.slug}/settings/members`);
  await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(`/o/${acme.slug}/settings/members`)}`);
});

test('create a second organization and a project', async ({ page }) => {
  await signInAsAdmin(page);

  // The organization switcher works from the keyboard.
  const switcher = page.getByRole('button', { name: /Organization Acme Robotics/ });
  await switcher.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitemradio', { name: /Acme Robotics/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(switcher).toBeFocused();

  await switcher.click();
  await page.getByRole('menuitem', { name: 'Create organization' }).click();
  await expect(page).toHaveURL('/orgs/new');
  await page.getByLabel('Organization name').fill('Globex Labs');
  await expect(page.getByLabel('Organization slug')).toHaveValue('globex-labs');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page).toHaveURL('/o/globex-labs');
  await expect(page.getByRole('status').filter({ hasText: 'Organization “Globex Labs” created.' })).toBeVisible();

  // Escape closes a dialog.
  await page.getByRole('button', { name: 'Create Project' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create a project' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Create Project' }).first().click();
  await dialog.getByLabel('Display name').fill('Payments API');
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('payments-api');
  await dialog.getByLabel('Name', { exact: true }).fill('Bad_Name');
  await expect(dialog.getByText('Use lowercase letters only.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText(/Project name may contain only lowercase letters, digits and hyphens/)).toBeVisible();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await shot(page, '04-create-project-error');

  await dialog.getByLabel('Name', { exact: true }).fill('payments-api');
  await dialog.getByLabel('Description').fill('Card payments and refunds.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL('/o/globex-labs/projects/payments-api');
  await expect(page.getByRole('heading', { name: 'Payments API', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No components yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Project Payments API/ })).toBeVisible();
  await shot(page, '05-project-1280');

  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('dialog', { name: 'Edit project' }).getByLabel('Display name').fill('Payments');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Payments', level: 1, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /Project Payments$/ })).toBeVisible();

  await page.setViewportSize({ width: 800, height: 900 });
  await shot(page, '06-project-800');
  await page.getByRole('link', { name: 'Deploy' }).click();
  await expect(page.getByRole('heading', { name: 'Deploy', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No components yet' })).toBeVisible();
  await shot(page, '07-deploy-800');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A second project to search for and delete.
  await page.goto('/o/globex-labs');
  await page.getByRole('button', { name: 'Create Project' }).first().click();
  await dialog.getByLabel('Display name').fill('Scratch');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL('/o/globex-labs/projects/scratch');

  await page.goto('/o/globex-labs');
  await openMenu(page.getByRole('button', { name: /^Project / }), page.getByRole('menuitemradio', { name: /Scratch/ }));
  await shot(page, '08-project-switcher-open');
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox', { name: 'Search projects' }).fill('pay');
  await expect(page.getByRole('link', { name: /Payments/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Scratch/ })).toBeHidden();
  await page.getByRole('searchbox', { name: 'Search projects' }).fill('zzz');
  await expect(page.getByRole('heading', { name: 'No projects match “zzz”' })).toBeVisible();

  await page.goto('/o/globex-labs/projects/scratch');
  await page.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete project' });
  await expect(confirm.getByRole('button', { name: 'Delete project' })).toBeDisabled();
  await confirm.getByLabel('Type scratch to confirm').fill('scratch');
  await confirm.getByRole('button', { name: 'Delete project' }).click();
  await expect(page).toHaveURL('/o/globex-labs');
  await expect(page.getByRole('link', { name: /Scratch/ })).toBeHidden();
  await shot(page, '09-projects-1280');
  await page.setViewportSize({ width: 800, height: 900 });
  await shot(page, '10-projects-800');
});

test('invite a developer, who joins but cannot manage members', async ({ page, browser }) => {
  // Two accounts, three sign-ins and two organisations: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  await signInAsAdmin(page);
  await ensureOrg(page, { slug: 'globex-labs', name: 'Globex Labs' });
  await page.goto(`/o/${acme.slug}/settings/members`);
  const dialog = page.getByRole('dialog', { name: 'Invite a member' });
  // Clicked again until the dialog shows: a click before hydration does nothing.
  await openMenu(page.getByRole('button', { name: 'Invite member' }), dialog);
  await dialog.getByLabel('Email').fill(developer.email);
  await dialog.getByLabel('Role').selectOption('developer');
  await dialog.getByRole('button', { name: 'Invite' }).click();
  const link = dialog.getByRole('textbox', { name: 'Invitation link' });
  await expect(link).toHaveValue(new RegExp(`^${baseURL}/invite/gin_`));
  await expect(dialog.getByText('it is shown only once')).toBeVisible();
  const invitationLink = await link.inputValue();
  await shot(page, '11-invitation-link');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Pending invitations' })).toContainText(developer.email);
  await shot(page, '12-members-1280');

  // Invited to a second organization before they have an account.
  await page.goto('/o/globex-labs/settings/members');
  await openMenu(page.getByRole('button', { name: 'Invite member' }), dialog);
  await dialog.getByLabel('Email').fill(developer.email);
  await dialog.getByRole('button', { name: 'Invite' }).click();
  const globexLink = await dialog.getByRole('textbox', { name: 'Invitation link' }).inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();

  const devContext = await browser.newContext({ baseURL });
  const dev = await devContext.newPage();
  await dev.goto(invitationLink);
  await expect(dev.getByRole('heading', { name: `Join ${acme.name}` })).toBeVisible();
  await expect(dev.getByText('as Developer')).toBeVisible();
  await dev.getByLabel('Your name').fill(developer.name);
  await dev.getByLabel('Password').fill(developer.password);
  await shot(dev, '13-accept-invitation');
  await dev.getByRole('button', { name: 'Create account and join' }).click();
  await expect(dev).toHaveURL(`/o/${acme.slug}`);

  // A developer sees Settings, but not its Members tab, and no Automation pipelines (the Marketplace is for everyone).
  const nav = dev.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Automation pipelines' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(dev).toHaveURL(`/o/${acme.slug}/settings/credentials`);
  const tabs = dev.getByRole('navigation', { name: 'Settings' });
  await expect(tabs.getByRole('link', { name: 'Environments' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Members' })).toHaveCount(0);
  await expect(tabs.getByRole('link', { name: 'API Keys' })).toHaveCount(0);

  await dev.goto(`/o/${acme.slug}/settings/members`);
  await expect(dev.getByRole('heading', { name: "You don't have access" })).toBeVisible();
  await expect(dev.getByText(developer.email)).toHaveCount(0);
  await dev.setViewportSize({ width: 800, height: 900 });
  await shot(dev, '14-developer-members-denied-800');

  // Organisations are created by the instance's admins only: no menu entry, a refusal page, 403 over REST.
  await dev.goto(`/o/${acme.slug}`);
  await openMenu(dev.getByRole('button', { name: /^Organization / }), dev.getByRole('menuitemradio', { name: new RegExp(acme.name) }));
  await expect(dev.getByRole('menuitem', { name: 'Create organization' })).toHaveCount(0);
  await dev.keyboard.press('Escape');
  await dev.goto('/orgs/new');
  await expect(dev.getByRole('heading', { name: 'Creating organizations is reserved' })).toBeVisible();
  await expect(dev.getByLabel('Organization name')).toHaveCount(0);
  const refused = await dev.request.post('/api/v1/orgs', { data: { slug: 'dev-grab', name: 'Grab' }, headers: { origin: baseURL } });
  expect(refused.status()).toBe(403);

  // Another organization is simply not there; a used invitation is spent.
  await dev.goto('/o/globex-labs');
  await expect(dev.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await dev.goto(invitationLink);
  await expect(dev.getByRole('heading', { name: 'Invitation not available' })).toBeVisible();
  await devContext.close();

  // Now that the account exists, the second invitation asks them to sign in, then to accept.
  const laterContext = await browser.newContext({ baseURL });
  const later = await laterContext.newPage();
  await later.goto(globexLink);
  await expect(later.getByRole('heading', { name: 'Join Globex Labs' })).toBeVisible();
  await later.getByRole('link', { name: 'Sign in to accept' }).click();
  // On the sign-in page (the invitation page has an Email field too), with the way back in ?next=.
  await expect(later).toHaveURL(/\/sign-in\?next=%2Finvite%2Fgin_/);
  await expect(later.getByLabel('Email')).toHaveValue(developer.email);
  // A submit before the sign-in form has hydrated does nothing: submit again until it navigates.
  await expect(async () => {
    if (!/\/invite\/gin_/.test(later.url())) {
      await later.getByLabel('Password').fill(developer.password);
      await later.getByRole('button', { name: 'Sign in' }).click();
    }
    await expect(later).toHaveURL(/\/invite\/gin_/, { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await later.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(later).toHaveURL('/o/globex-labs');
  await openMenu(later.getByRole('button', { name: /^Organization / }), later.getByRole('menuitemradio'));
  await expect(later.getByRole('menuitemradio')).toHaveCount(2);
  await laterContext.close();

  await page.goto(`/o/${acme.slug}/settings/members`);
  await expect(page.getByRole('table', { name: 'Members' })).toContainText(developer.email);
  await expect(page.getByRole('table', { name: 'Pending invitations' })).toHaveCount(0);

  // A role changes only when saved.
  const row = page.getByRole('row', { name: new RegExp(developer.email) });
  await row.getByRole('combobox', { name: `Role of ${developer.email}` }).selectOption('platform-engineer');
  await shot(page, '15-member-role-change');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${developer.email} is now Platform engineer.` })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Save' })).toHaveCount(0);
});

test('an API key is shown once, works, and stops working when revoked', async ({ page, request }) => {
  const slug = await newOrgWithoutKey(page, 'acme-keys', 'Acme Keys');
  await page.goto(`/o/${slug}/settings/api-keys`);
  await expect(page.getByRole('heading', { name: 'No API keys yet' })).toBeVisible();

  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an API key' });
  await dialog.getByLabel('Name').fill('release-script');
  await dialog.getByLabel('Role').selectOption('developer');
  await dialog.getByLabel('Expires after').selectOption({ label: '30 days' });
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const field = dialog.getByRole('textbox', { name: 'API key' });
  await expect(field).toHaveValue(/^gak_/);
  const key = await field.inputValue();
  await expect(dialog.getByText('it is shown only once')).toBeVisible();
  await shot(page, '16-api-key-once');
  await dialog.getByRole('button', { name: 'Done' }).click();

  const row = page.getByRole('row', { name: /release-script/ });
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Developer');
  expect(await page.content()).not.toContain(key);
  await page.reload();
  expect(await page.content()).not.toContain(key);
  await shot(page, '17-api-keys-1280');

  // The key works on the REST API; 50 projects created with it fill more than one audit-log page
  // (53 events: organization, key, 50 projects, revocation).
  const projects = `/api/v1/orgs/${slug}/projects`;
  const auth = { authorization: `Bearer ${key}` };
  expect((await request.get(projects, { headers: auth })).status()).toBe(200);
  for (let i = 1; i <= 50; i++) {
    const res = await request.post(projects, { headers: auth, data: { name: `batch-${i}`, displayName: `Batch ${i}` } });
    expect(res.status()).toBe(201);
  }

  await row.getByRole('button', { name: 'Revoke release-script' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke API key' });
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'API key “release-script” revoked.' })).toBeVisible();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: 'Revoke release-script' })).toHaveCount(0);
  expect((await request.get(projects, { headers: auth })).status()).toBe(401);

  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit Log' }).click();
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log).toContainText('api-key.revoke');
  await expect(log.getByRole('row', { name: /API key release-script.*project\.create.*batch-50/ })).toBeVisible();
  await expect(log).not.toContainText('api-key.create');
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(log).toContainText('api-key.create');
  await expect(log).toContainText('organization.create');
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  await expect(page.getByText('All 53 events shown.')).toBeVisible();
  await shot(page, '18-audit-log-1280');
});
