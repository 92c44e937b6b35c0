import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { podmanEnv } from '../lib/testing/images';

export const e2ePort = Number(process.env.GANTRY_E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${e2ePort}`;
/** What the console's own pages send with a cookie-authenticated REST write (the CSRF guard asks for it). */
export const consoleHeaders = { origin: baseURL };

export const admin = { name: 'Ada Admin', email: 'ada@example.com', password: 'gantry-admin-2026' };
export const developer = { name: 'Dev Eloper', email: 'dev@example.com', password: 'gantry-dev-2026' };

const screenshots = path.join(__dirname, '.artifacts', 'screenshots');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on what the page shows now — the open dialog
 * included — and fails on any serious or critical violation, naming the rule and the nodes.
 */
export async function expectAccessible(page: Page, what: string) {
  // Checked again for a few seconds before failing: a page refreshed by a server action streams
  // its metadata anew, and for that moment the document has no <title> (seen once in CI right
  // after "Edit project" saved). What stays wrong still fails, with the last report.
  await expect(async () => {
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`).join('\n')}`);
    expect(report, `axe on ${what} (${page.url()})`).toEqual([]);
  }).toPass({ timeout: 5_000, intervals: [250, 500, 1_000] });
}

/**
 * Saves a full-page screenshot to e2e/.artifacts/screenshots/<name>.png for people to look at.
 * Every page and dialog worth a screenshot is checked with axe first: the suite fails on a
 * serious or critical accessibility violation anywhere it looks.
 */
export async function shot(page: Page, name: string) {
  await expectAccessible(page, name);
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto('/sign-in');
  // A submit before the form has hydrated does nothing (the page stays on /sign-in): submit again until it navigates.
  await expect(async () => {
    if (new URL(page.url()).pathname === '/sign-in') {
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await expect(page).toHaveURL(/\/o\/[a-z0-9-]+/, { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await hydrated(page);
}

/** Waits until the page in view has hydrated (components/providers.tsx marks it): before, clicks and keys on its controls do nothing. */
export async function hydrated(page: Page) {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** Signs in as the admin; on a fresh server (a spec run alone) the first run creates them. */
export async function signInAsAdmin(page: Page) {
  await page.goto('/');
  if (new URL(page.url()).pathname === '/setup') {
    await page.getByLabel('Your name').fill(admin.name);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByLabel('Organization name').fill('Acme Robotics');
    await page.getByRole('button', { name: 'Create admin and organization' }).click();
    await expect(page).toHaveURL('/o/acme-robotics');
    await hydrated(page);
  } else {
    await signIn(page, admin);
  }
}

/** Full-page screenshots at 1280 and 800 px wide, from the top so the sticky header sits where it belongs. */
export async function shots(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 800, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `${name}-800`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const run = promisify(execFile);

/** Removes the containers an organisation's deployments started, and its network: they outlive the console. */
export async function removeOrgContainers(orgSlug: string) {
  const { stdout } = await run('podman', ['ps', '-aq', '--filter', `label=gantry.org=${orgSlug}`], { env: podmanEnv() }).catch(() => ({ stdout: '' }));
  const ids = stdout.split('\n').filter(Boolean);
  if (ids.length) await run('podman', ['rm', '-f', '-t', '0', ...ids], { env: podmanEnv() });
  const nets = await run('podman', ['network', 'ls', '-q', '--filter', `label=gantry.org=${orgSlug}`], { env: podmanEnv() }).catch(() => ({ stdout: '' }));
  const names = nets.stdout.split('\n').filter(Boolean);
  if (names.length) await run('podman', ['network', 'rm', '-f', ...names], { env: podmanEnv() }).catch(() => undefined);
}

/**
 * Closes every toast on the page, so screenshots show what is under them. Toasts close
 * themselves, so counting them and then clicking one races with them (the click then waits
 * for a button that never comes back): the buttons present are clicked in one step inside
 * the page, and the assertion retries until none is left.
 */
export async function dismissToasts(page: Page) {
  const buttons = page.getByRole('button', { name: 'Dismiss' });
  await expect(async () => {
    await buttons.evaluateAll((els) => els.forEach((el) => (el as HTMLElement).click()));
    await expect(buttons).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** A slug no earlier test on this server has used (a failed test's worker restarts, and may leave its org behind). */
export function uniqueSlug(base: string) {
  return `${base}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** Signs in as the admin and creates an organisation of this test's own (nothing else in it); returns its slug. */
export async function newOrgWithoutKey(page: Page, base: string, name = base): Promise<string> {
  await signInAsAdmin(page);
  const slug = uniqueSlug(base);
  const org = await page.request.post('/api/v1/orgs', { data: { slug, name }, headers: { origin: baseURL } });
  expect(org.status(), await org.text()).toBe(201);
  return slug;
}

/** Makes sure the first admin exists (a test run alone on a fresh server creates them), without signing this test's page in. */
export async function ensureAdmin(browser: Browser) {
  const context = await browser.newContext({ baseURL });
  try {
    await signInAsAdmin(await context.newPage());
  } finally {
    await context.close();
  }
}

/** An organisation with this exact slug, whether or not an earlier test made it. */
export async function ensureOrg(page: Page, org: { slug: string; name: string }) {
  const res = await page.request.post('/api/v1/orgs', { data: org, headers: { origin: baseURL } });
  expect([201, 409], await res.text()).toContain(res.status());
}

export interface OrgApi {
  slug: string;
  /** An admin API key of the organisation: setup goes through the REST API, as a script would. */
  key: string;
  get(path: string): Promise<unknown>;
  post(path: string, data: unknown, status?: number): Promise<Record<string, unknown>>;
  /** Queues a deployment (or, with `path: 'promote'`, a promotion) and waits until it is active. */
  deploy(project: string, component: string, body: Record<string, string>, path?: 'deployments' | 'promote'): Promise<void>;
}

/**
 * Signs in as the admin and gives this test an organisation of its own, so it does not depend
 * on what an earlier test left behind. Only the organisation and its key are made with the
 * session (with our Origin, as the console's own pages send); everything else uses the key.
 */
export async function newOrg(page: Page, base: string, name = base): Promise<OrgApi> {
  const slug = await newOrgWithoutKey(page, base, name);
  const session = { origin: baseURL };
  const created = await page.request.post(`/api/v1/orgs/${slug}/api-keys`, { data: { name: 'e2e-setup', role: 'admin' }, headers: session });
  expect(created.status(), await created.text()).toBe(201);
  const { key } = (await created.json()) as { key: string };
  const headers = { authorization: `Bearer ${key}` };
  const url = (path: string) => `/api/v1/orgs/${slug}${path}`;
  const api: OrgApi = {
    slug,
    key,
    async get(path) {
      const res = await page.request.get(url(path), { headers });
      expect(res.status(), await res.text()).toBe(200);
      return res.json();
    },
    async post(path, data, status) {
      const res = await page.request.post(url(path), { data, headers });
      if (status) expect(res.status(), await res.text()).toBe(status);
      else expect(res.status(), await res.text()).toBeLessThan(300);
      return res.json();
    },
    async deploy(project, component, body, path = 'deployments') {
      const { id } = (await api.post(`/projects/${project}/components/${component}/${path}`, body, 202)) as { id: string };
      await expect.poll(async () => ((await api.get(`/deployments/${id}`)) as { status: string }).status, { timeout: 90_000 }).toBe('active');
    },
  };
  return api;
}

/**
 * Opens a menu and waits for `item` in it. A click that lands before the page has hydrated
 * does nothing, so a click-then-expect can fail on a slow machine: the click is repeated
 * until the menu shows (a menu already open is left alone).
 */
export async function openMenu(button: Locator, item: Locator) {
  await expect(async () => {
    if (!(await item.first().isVisible())) await button.click({ timeout: 2_000 });
    await expect(item.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
