import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';
import { podmanEnv } from '../lib/testing/images';

export const e2ePort = Number(process.env.GANTRY_E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${e2ePort}`;
/** What the console's own pages send with a cookie-authenticated REST write (the CSRF guard asks for it). */
export const consoleHeaders = { origin: baseURL };

export const admin = { name: 'Ada Admin', email: 'ada@example.com', password: 'gantry-admin-2026' };
export const developer = { name: 'Dev Eloper', email: 'dev@example.com', password: 'gantry-dev-2026' };

const screenshots = path.join(__dirname, '.artifacts', 'screenshots');

/** Saves a full-page screenshot to e2e/.artifacts/screenshots/<name>.png for people to look at. */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/o\/[a-z0-9-]+/);
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
