import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export const e2ePort = Number(process.env.GANTRY_E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${e2ePort}`;

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
