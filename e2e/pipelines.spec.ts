import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shellImageIn } from '../lib/pipelines/testing';
import { startRegistry, type TestRegistry } from '../lib/testing/registry';
import { consoleHeaders, ensureOrg, removeOrgContainers, shot, signInAsAdmin } from './support';

// Automation pipelines as a platform engineer meets them: + Create › Use YAML Editor with the
// pipeline JSON Schema (squiggle on a mistake, gone once fixed), then the pipeline page:
// a secret set write-only, Start New Run with an enum parameter, live step logs (a step's
// outputs, a generated secret one shown only as "set"), Stop Run.

const org = { slug: 'orbit-pipelines', name: 'Orbit Pipelines' };
const editor = (page: Page) => page.getByTestId('yaml-editor');
const token = (page: Page, text: string) => editor(page).locator('.view-lines span span', { hasText: new RegExp(`^${text}$`) }).first();
const squiggles = (page: Page) => editor(page).locator('.squiggly-warning, .squiggly-error');

let reg: TestRegistry | undefined;
let image = 'IMAGE';

const pipelineYaml = `parameters:
  - name: environment
    displayName: Environment
    default: Development
    enum: [Development, Production]
steps:
  - name: hello
    image: IMAGE
    env:
      - name: TOKEN
        value: "{{SECRETS.API_TOKEN}}"
    inlineScript: |
      echo "deploying to {{arguments.parameters.environment}}"
      echo "token is $TOKEN"
      printf "{{arguments.parameters.environment}}" > /tmp/target
      head -c 18 /dev/urandom | base64 | tr -d '\\n/+=' > /tmp/session
    outputs:
      parameters:
        - { name: target, valueFrom: { path: /tmp/target } }
        - { name: session, secret: true, valueFrom: { path: /tmp/session } }
  - name: long
    image: IMAGE
    inlineScript: |
      i=0
      while true; do i=$((i+1)); echo "tick $i"; sleep 1; done
`;

async function openCreate(page: Page) {
  await signInAsAdmin(page);
  await ensureOrg(page, org);
  await page.goto(`/o/${org.slug}/platform/pipelines/new?source=yaml`);
  await expect(page.getByRole('tab', { name: 'Use YAML Editor', selected: true })).toBeVisible();
  await expect(token(page, 'steps')).toBeVisible({ timeout: 30_000 });
}

/**
 * Replaces the whole editor text through the clipboard: typed (or insertText) newlines get
 * Monaco's auto-indent, a paste keeps the text as it is.
 */
async function setEditorText(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await editor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Escape');
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a mistake in the pipeline YAML is squiggled as you type, with the schema\'s words; fixing it clears it', async ({ page }) => {
  test.setTimeout(120_000);
  await openCreate(page);
  // The starter pipeline is valid.
  await expect(squiggles(page)).toHaveCount(0, { timeout: 20_000 });

  // A misspelt key: the schema allows no "displayNam".
  await token(page, 'displayName').dblclick();
  await page.keyboard.insertText('displayNam');
  await page.keyboard.press('Escape');
  await expect(squiggles(page)).toHaveCount(1, { timeout: 20_000 });
  await token(page, 'displayNam').hover();
  const hover = page.locator('.monaco-hover').filter({ hasText: /displayNam/ });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText(/not allowed/i);
  console.log(`hover: ${(await hover.innerText()).replace(/\s+/g, ' ')}`);
  // The viewport, not the full page: a full-page capture resizes the page and the hover closes.
  await page.screenshot({ path: path.join(__dirname, '.artifacts', 'screenshots', 'pipelines-01-squiggle.png') });

  await token(page, 'displayNam').dblclick();
  await page.keyboard.insertText('displayName');
  await page.keyboard.press('Escape');
  await expect(squiggles(page)).toHaveCount(0, { timeout: 20_000 });
  // Hover docs come from the zod schema's descriptions.
  await token(page, 'displayName').hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Start New Run form' })).toBeVisible();

  // A whole pipeline pasted in is valid too (the one the next test runs).
  await setEditorText(page, pipelineYaml);
  await expect(token(page, 'long')).toBeVisible();
  await expect(squiggles(page)).toHaveCount(0, { timeout: 20_000 });
  await shot(page, 'pipelines-02-fixed');
});

test('create, set a secret, Start New Run with an enum value, watch live logs, Stop a long run', async ({ page }) => {
  test.setTimeout(300_000);
  // The steps run on a busybox shell image from a registry on loopback (no internet here).
  reg = await startRegistry({ auth: 'anonymous' });
  image = await shellImageIn(reg.host);
  await openCreate(page);
  // Registered with the organisation, as an operator would: the engine then pulls from it.
  const registered = await page.request.post(`/api/v1/orgs/${org.slug}/registries`, { headers: consoleHeaders, data: { authType: 'anonymous', displayName: 'Pipeline images', host: reg.host } });
  expect([201, 409], await registered.text()).toContain(registered.status());
  const name = `deploy-${Date.now().toString(36)}`;
  await page.getByLabel('Display name').fill(name);
  await setEditorText(page, pipelineYaml.replaceAll('IMAGE', image));
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(new RegExp(`/platform/pipelines/${name}$`), { timeout: 30_000 });

  // The secret is write-only: after setting it the page shows only that it is set.
  const secrets = page.getByTestId('pipeline-secrets');
  await secrets.getByLabel('Secret name').fill('API_TOKEN');
  await secrets.getByLabel('Secret value').fill('tok-e2e-very-secret');
  await secrets.getByRole('button', { name: 'Set secret' }).click();
  await expect(secrets.getByRole('list', { name: 'Secrets' })).toContainText('API_TOKEN');
  await expect(secrets).toContainText('set');
  await expect(page.locator('body')).not.toContainText('tok-e2e-very-secret');

  await page.getByRole('button', { name: 'Start New Run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start New Run' });
  const env = dialog.getByLabel('Environment');
  await expect(env).toHaveValue('Development');
  await env.selectOption('Production');
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(page).toHaveURL(/\/runs\/1$/, { timeout: 30_000 });
  await expect(page.getByTestId('run-parameters')).toContainText('environment=Production');

  await page.locator('[data-step="hello"]').first().click();
  const helloLog = page.getByRole('log', { name: 'Logs of hello' });
  // The first step pulls the image: slow on a busy machine.
  await expect(helloLog).toContainText('deploying to Production', { timeout: 120_000 });
  await expect(helloLog).not.toContainText('tok-e2e-very-secret');
  // Outputs: a plain one with its value, the generated secret one only as "set".
  const outputs = page.getByLabel('Outputs of hello');
  await expect(outputs).toContainText('targetProduction', { timeout: 30_000 });
  await expect(outputs).toContainText('sessionset (secret)');
  await shot(page, 'pipelines-03-step-outputs');

  await page.locator('[data-step="long"]').first().click();
  const longLog = page.getByRole('log', { name: 'Logs of long' });
  await expect(longLog).toContainText('tick 2', { timeout: 60_000 });
  await shot(page, 'pipelines-04-live-logs');

  await page.getByRole('button', { name: 'Stop Run' }).click();
  await page.getByRole('dialog', { name: /Stop run #1/ }).getByRole('button', { name: 'Stop Run' }).click();
  await expect(page.locator('[data-status="stopped"]').first()).toBeVisible({ timeout: 60_000 });
  await shot(page, 'pipelines-05-stopped');
});

test.afterAll(async () => {
  await reg?.stop();
  await removeOrgContainers(org.slug);
});
