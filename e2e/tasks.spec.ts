import { expect, test, type Page } from '@playwright/test';
import { buildTestImage, pushImage } from '../lib/testing/images';
import { startRegistry, type TestRegistry } from '../lib/testing/registry';
import { consoleHeaders, removeOrgContainers, shots, signInAsAdmin } from './support';

// Scheduled and manual tasks in the console, against a real registry and real containers:
// set a schedule with Range/Every/At and read its next runs; Run Now and read the logs;
// Run with Arguments and find the arguments in the logs. Each test builds its own
// organisation, so any one of them runs alone.

let reg: TestRegistry;
const orgs: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  reg = await startRegistry({ auth: 'anonymous' });
  await pushImage(await buildTestImage({ message: 'nightly report', variant: 'task-args' }), `${reg.host}/jobs/report:1.0`);
  await pushImage(await buildTestImage({ message: 'failing job', variant: 'task-exit-3' }), `${reg.host}/jobs/fail:1.0`);
  await pushImage(await buildTestImage({ message: 'long job', variant: 'task-sleep' }), `${reg.host}/jobs/sleep:1.0`);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  for (const slug of orgs) await removeOrgContainers(slug);
  await reg?.stop();
});

const card = (page: Page, env: string) => page.locator(`[data-environment="${env}"]`);

/** An organisation with a project and the test registry, through the REST API; returns the registry id. */
async function orgWithRegistry(page: Page, slug: string) {
  orgs.push(slug);
  await signInAsAdmin(page);
  expect((await page.request.post('/api/v1/orgs', { headers: consoleHeaders, data: { slug, name: `Org ${slug}` } })).status()).toBe(201);
  expect((await page.request.post(`/api/v1/orgs/${slug}/projects`, { headers: consoleHeaders, data: { name: 'ops', displayName: 'Ops' } })).status()).toBe(201);
  const registry = await page.request.post(`/api/v1/orgs/${slug}/registries`, { headers: consoleHeaders, data: { authType: 'anonymous', displayName: 'Jobs registry', host: reg.host } });
  expect(registry.status()).toBe(201);
  return ((await registry.json()) as { id: string }).id;
}

/** Deploys tag 1.0 of a component to development through the REST API and waits until it is active. */
async function deploy(page: Page, slug: string, name: string) {
  const base = `/api/v1/orgs/${slug}/projects/ops/components/${name}`;
  const deployed = await page.request.post(`${base}/deployments`, { headers: consoleHeaders, data: { tag: '1.0' } });
  expect(deployed.status(), await deployed.text()).toBe(202);
  await expect
    .poll(async () => (await (await page.request.get(`${base}/environments/development`)).json()).active?.digest ?? null, { timeout: 90_000 })
    .toMatch(/^sha256:/);
}

/** A manual task created and deployed to development through the REST API; returns its console path. */
async function deployedTask(page: Page, slug: string, opts: { name: string; repo: string }) {
  const registryId = await orgWithRegistry(page, slug);
  const created = await page.request.post(`/api/v1/orgs/${slug}/projects/ops/components`, {
    headers: consoleHeaders,
    data: { name: opts.name, displayName: opts.name, type: 'manual-task', registryId, image: `${reg.host}/${opts.repo}:1.0` },
  });
  expect(created.status(), await created.text()).toBe(201);
  await deploy(page, slug, opts.name);
  return `/o/${slug}/projects/ops/components/${opts.name}`;
}

test('scheduled task: create it with Range/Every/At, then set its time zone and schedule per environment, pause and resume', async ({ page }) => {
  test.setTimeout(150_000);
  await orgWithRegistry(page, 'tasks-schedule');
  const component = '/o/tasks-schedule/projects/ops/components/nightly-report';

  // Create: the default schedule, written with Range, Every, At; the next runs follow as it is edited.
  await page.goto('/o/tasks-schedule/projects/ops/components/new');
  await page.getByText('Scheduled Task', { exact: true }).click();
  await expect(page.getByRole('radio', { name: /Scheduled Task/ })).toBeChecked();
  await page.getByLabel('Display name').fill('Nightly Report');
  await page.getByLabel('Image URL').fill(`${reg.host}/jobs/report:1.0`);
  await expect(page.getByTestId('schedule-expression')).toHaveText('0 3 * * *');
  await page.getByLabel('Range', { exact: true }).selectOption('hour');
  await page.getByLabel('Every', { exact: true }).fill('2');
  await page.getByLabel('At minute').fill('15');
  await expect(page.getByTestId('schedule-expression')).toHaveText('15 */2 * * *');
  await expect(page.getByTestId('schedule-description')).toHaveText('At 15 minutes past the hour, every 2 hours');
  await expect(page.getByTestId('schedule-next-runs').getByRole('listitem')).toHaveCount(5);
  for (const text of await page.getByTestId('schedule-next-runs').getByRole('listitem').allTextContents()) expect(text).toMatch(/^\w{3}, .*(0[02468]|1[02468]|2[02]):15 \(UTC\+00:00\)$/);
  await shots(page, 'tasks-00-create-scheduled');
  await page.getByRole('button', { name: 'Create only', exact: true }).click();
  await expect(page).toHaveURL(`${component}/deploy`);

  // The first deployment gives development that schedule, in UTC.
  await deploy(page, 'tasks-schedule', 'nightly-report');
  await page.reload();
  const dev = card(page, 'development');
  await expect(dev.getByText('Deployed', { exact: true })).toBeVisible();
  await expect(dev.getByTestId('scheduled-status')).toContainText('Active');
  await expect(dev.getByText('At 15 minutes past the hour, every 2 hours')).toBeVisible();

  await dev.getByRole('button', { name: 'Edit schedule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule in Development' });
  await expect(dialog.getByRole('combobox', { name: 'Time Zone' })).toBeFocused();

  // Time Zone: search the IANA list, pick with the keyboard.
  await dialog.getByRole('combobox', { name: 'Time Zone' }).fill('berlin');
  await expect(dialog.getByRole('option', { name: /Europe\/Berlin/ })).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Time Zone' }).press('Enter');
  await expect(dialog.getByRole('combobox', { name: 'Time Zone' })).toHaveValue('Europe/Berlin');

  // Range Week, At 09:15 on Monday → one expression, its words, five Mondays at 09:15 Berlin time.
  await dialog.getByLabel('Range', { exact: true }).selectOption('week');
  await dialog.getByLabel('On', { exact: true }).selectOption({ label: 'Monday' });
  await dialog.getByLabel('At', { exact: true }).fill('09:15');
  await expect(dialog.getByTestId('schedule-expression')).toHaveText('15 9 * * 1');
  await expect(dialog.getByTestId('schedule-description')).toHaveText('At 09:15, only on Monday');
  const runs = dialog.getByTestId('schedule-next-runs').getByRole('listitem');
  await expect(runs).toHaveCount(5);
  for (const text of await runs.allTextContents()) expect(text).toMatch(/^Mon, .*09:15 \(UTC\+0[12]:00\)$/);

  // Range Hour, Every 6 → "30 */6 * * *"; Advanced shows what it would save, and refuses what Kubernetes would.
  await dialog.getByLabel('Range', { exact: true }).selectOption('hour');
  await dialog.getByLabel('Every', { exact: true }).fill('6');
  await dialog.getByLabel('At minute').fill('30');
  await expect(dialog.getByTestId('schedule-expression')).toHaveText('30 */6 * * *');
  await expect(dialog.getByTestId('schedule-description')).toHaveText('At 30 minutes past the hour, every 6 hours');
  await dialog.getByRole('tab', { name: 'Advanced (cron)' }).click();
  const cron = dialog.getByLabel('Cron expression');
  await expect(cron).toHaveValue('30 */6 * * *');
  await cron.fill('61 * * * *');
  await expect(dialog.getByTestId('schedule-error')).toHaveText(/61 is out of range for the minute field/);
  await expect(dialog.getByRole('button', { name: 'Save schedule' })).toBeDisabled();
  await cron.fill('@every 5m');
  await expect(dialog.getByTestId('schedule-error')).toHaveText(/"@every" is not supported/);
  await cron.fill('0 2 * * *');
  await expect(dialog.getByTestId('schedule-description')).toHaveText('At 02:00');
  await dialog.getByRole('tab', { name: 'Range, Every, At' }).click();
  await expect(dialog.getByLabel('Range', { exact: true })).toHaveValue('day');
  await expect(dialog.getByLabel('At', { exact: true })).toHaveValue('02:00');
  await dialog.getByLabel('Concurrency policy').selectOption('Replace');
  await expect(dialog.getByText('Stop the run that is still going')).toBeVisible();
  await shots(page, 'tasks-01-schedule-editor');

  await dialog.getByRole('button', { name: 'Save schedule' }).click();
  await expect(dialog).toBeHidden();
  await expect(dev.getByTestId('scheduled-status')).toContainText('Active');
  await expect(dev.getByText('At 02:00')).toBeVisible();
  await expect(dev.getByText('(Europe/Berlin)')).toBeVisible();
  await expect(dev.getByTestId('next-run')).toHaveText(/02:00 \(UTC\+0[12]:00\)$/);
  await shots(page, 'tasks-02-scheduled-card');

  // Pause and resume; the REST API agrees with the card.
  await dev.getByRole('button', { name: 'Pause' }).click();
  await expect(dev.getByTestId('scheduled-status')).toContainText('Paused');
  await expect(dev.getByTestId('next-run')).toHaveText('None while paused.');
  const api = `/api/v1/orgs/tasks-schedule/projects/ops/components/nightly-report/environments/development/schedule`;
  expect(await (await page.request.get(api)).json()).toMatchObject({ cron: '0 2 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Replace', paused: true });
  await dev.getByRole('button', { name: 'Resume' }).click();
  await expect(dev.getByTestId('scheduled-status')).toContainText('Active');
  expect(await (await page.request.get(api)).json()).toMatchObject({ paused: false });
});

test('manual task: Run Now, then read the logs of the execution', async ({ page }) => {
  test.setTimeout(150_000);
  const component = await deployedTask(page, 'tasks-run-now', { name: 'report', repo: 'jobs/report' });
  await page.goto(`${component}/deploy`);
  await expect(card(page, 'development').getByText('Ready to run')).toBeVisible();
  await expect(card(page, 'development').getByText('Running')).toHaveCount(0);

  await page.getByRole('link', { name: 'Execute', exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`${component}/execute`));
  await expect(page.getByText('No executions in Development yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Run Now' }).click();

  const row = page.locator('tr[data-execution="1"]');
  await expect(row).toBeVisible();
  await expect(row).toContainText('User');
  await expect(row).toContainText('1.0');
  await expect(row.getByText('Succeeded')).toBeVisible({ timeout: 60_000 });
  const logs = page.getByRole('log', { name: 'Logs of execution #1' });
  await expect(logs).toContainText('nightly report');
  await expect(logs).toContainText('arg: default-args');
  await expect(page.getByTestId('executions-30-days')).toContainText('1 execution in the last 30 days');
  await shots(page, 'tasks-03-run-now');
});

test('Run with Arguments: each argument reaches the entrypoint and shows in the logs', async ({ page }) => {
  test.setTimeout(150_000);
  const component = await deployedTask(page, 'tasks-run-args', { name: 'report', repo: 'jobs/report' });
  await page.goto(`${component}/execute`);
  await page.getByRole('button', { name: 'Run with Arguments' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run with Arguments' });
  await expect(dialog.getByRole('textbox', { name: 'Argument 1', exact: true })).toBeFocused();
  await expect(dialog.getByText(/CMD is replaced/)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Argument 1', exact: true }).fill('--month=2026-11');
  await dialog.getByRole('button', { name: 'Add argument' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Argument 2', exact: true })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Argument 2', exact: true }).fill('two words');
  await shots(page, 'tasks-04-run-with-arguments');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog).toBeHidden();

  const row = page.locator('tr[data-execution="1"]');
  await expect(row.getByText('Succeeded')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('execution-args')).toHaveText('"--month=2026-11" "two words"');
  const logs = page.getByRole('log', { name: 'Logs of execution #1' });
  await expect(logs).toContainText('arg: --month=2026-11');
  await expect(logs).toContainText('arg: two words');
  await expect(logs).toContainText('args: 2');
  await expect(logs).not.toContainText('default-args');
});

test('a failing task shows its exit code and keeps its logs after the container is gone', async ({ page }) => {
  test.setTimeout(150_000);
  const component = await deployedTask(page, 'tasks-fail', { name: 'fail', repo: 'jobs/fail' });
  await page.goto(`${component}/execute`);
  await page.getByRole('button', { name: 'Run Now' }).click();
  const row = page.locator('tr[data-execution="1"]');
  await expect(row.getByText('Failed (exit 3)')).toBeVisible({ timeout: 60_000 });
  await removeOrgContainers('tasks-fail');
  await page.reload();
  await row.getByRole('button', { name: /Logs/ }).click();
  await expect(page.getByRole('log', { name: 'Logs of execution #1' })).toContainText('failing job');
  await shots(page, 'tasks-05-failed');
});

test('Stop a running execution, after a confirmation; its logs so far stay', async ({ page }) => {
  test.setTimeout(150_000);
  const component = await deployedTask(page, 'tasks-stop', { name: 'sleeper', repo: 'jobs/sleep' });
  await page.goto(`${component}/execute`);
  // A running execution's log is a Server-Sent Events stream, not a poll.
  const stream = page.waitForResponse((r) => /\/executions\/[^/]+\/logs\?follow=1$/.test(r.url()) && r.headers()['content-type'] === 'text/event-stream', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Run Now' }).click();
  const row = page.locator('tr[data-execution="1"]');
  await expect(row.getByText('Running')).toBeVisible({ timeout: 60_000 });
  await stream;
  await expect(page.getByRole('log', { name: 'Logs of execution #1' })).toContainText('sleeping');
  await row.getByRole('button', { name: 'Stop' }).click();
  const confirm = page.getByRole('dialog', { name: 'Stop execution #1' });
  await expect(confirm.getByText('after a grace period, is killed')).toBeVisible();
  await confirm.getByRole('button', { name: 'Stop execution' }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByText('Stopped')).toBeVisible({ timeout: 60_000 });
  await expect(row.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await expect(page.getByRole('log', { name: 'Logs of execution #1' })).toContainText('long job');
});
