import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Request as PwRequest } from '@playwright/test';
import { baseURL, consoleHeaders, signInAsAdmin } from './support';

/**
 * Attacks from the browser, as issue 9 found them. A page served on another loopback port
 * is "same site" as the console (ports do not count), so the admin's SameSite=Lax session
 * cookie goes along with its requests: only the console's CSRF guard stands in the way.
 */
let attacker: http.Server;
let attackerOrigin = '';
let attackHtml = '';

test.beforeAll(async () => {
  attacker = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attackHtml));
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise<void>((r) => {
    attacker.closeAllConnections();
    attacker.close(() => r());
  });
});

const orgOf = (url: string) => new URL(url).pathname.split('/')[2];

/** A page that fires every kind of cross-site write a browser allows at `target`, then sets window.__done. */
function attackPage(target: string, email: string): string {
  const json = JSON.stringify({ email, role: 'admin' });
  const form = (enctype: string, fields: string) =>
    `<iframe name="f${enctype.length}" srcdoc="${`<form method=POST action='${target}' enctype='${enctype}'>${fields}</form><script>document.forms[0].submit()</script>`.replace(/"/g, '&quot;')}"></iframe>`;
  return `<!doctype html><title>cute cats</title>
${form('text/plain', `<input name='${json.slice(0, -1)},"x":"' value='"}'>`)}
${form('application/x-www-form-urlencoded', `<input name=email value='${email}'><input name=role value=admin>`)}
${form('multipart/form-data', `<input name=email value='${email}'><input name=role value=admin>`)}
<script>
  const target = ${JSON.stringify(target)};
  const body = ${JSON.stringify(json)};
  const fd = new FormData(); fd.append('email', ${JSON.stringify(email)}); fd.append('role', 'admin');
  Promise.allSettled([
    fetch(target, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body }),
    fetch(target, { method: 'POST', mode: 'no-cors', credentials: 'include', body }),
    fetch(target, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=' + encodeURIComponent(${JSON.stringify(email)}) + '&role=admin' }),
    fetch(target, { method: 'POST', mode: 'no-cors', credentials: 'include', body: fd }),
    // Needs a CORS preflight the console never grants: the browser must not send the POST.
    fetch(target, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body }),
  ]).then(() => new Promise((r) => setTimeout(r, 0))).then(() => { window.__done = true; });
</script>`;
}

test('a page on another loopback port cannot make a signed-in admin add a member', async ({ page, context }) => {
  await signInAsAdmin(page);
  const org = orgOf(page.url());
  const target = `${baseURL}/api/v1/orgs/${org}/members`;
  const email = `mallory-${Date.now()}@evil.test`;
  attackHtml = attackPage(target, email);

  // Every write the browser sends to the console, with what it carried and what came back.
  const sent: { req: PwRequest; status: number; cookie: boolean; type: string }[] = [];
  const posts: Promise<void>[] = [];
  context.on('request', (req) => {
    if (req.method() !== 'POST' || !req.url().startsWith(target)) return;
    posts.push(
      (async () => {
        const res = await req.response();
        const headers = await req.allHeaders();
        sent.push({ req, status: res?.status() ?? 0, cookie: (headers.cookie ?? '').includes('session_token'), type: headers['content-type'] ?? '' });
      })(),
    );
  });

  const evil = await context.newPage();
  await evil.goto(attackerOrigin);
  await evil.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true);
  // The three forms submit into their frames; wait until each has been answered.
  await expect.poll(() => sent.filter((s) => s.status > 0).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(7);
  await expect.poll(() => sent.length, { timeout: 60_000 }).toBe(8);
  await Promise.all(posts);

  const forged = sent.filter((s) => !s.type.startsWith('application/json'));
  expect(forged.map((s) => s.type.split(';')[0]).sort()).toEqual(
    ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data', 'text/plain', 'text/plain', 'text/plain'].sort(),
  );
  // The attack was real: the session cookie went along (Chromium reports it for the form
  // navigations; for fetches the 415 itself shows it, as a request without a cookie would
  // have been answered 401 — the guard only judges cookie-authenticated requests)…
  expect(forged.filter((s) => s.req.resourceType() === 'document').map((s) => s.cookie)).toEqual([true, true, true]);
  // …and every one was refused before anything was read.
  expect(forged.map((s) => s.status)).toEqual(forged.map(() => 415));
  // The JSON POST needs a CORS preflight the console never grants: the browser never got an answer to it.
  expect(sent.filter((s) => s.type.startsWith('application/json')).map((s) => s.status)).toEqual([0]);

  const listed = await (await page.request.get(target)).json();
  expect(JSON.stringify(listed)).not.toContain(email);
  await evil.close();
});

test('the REST API refuses cookie writes with a foreign or missing Origin; the console itself still writes', async ({ page }) => {
  await signInAsAdmin(page);
  const org = orgOf(page.url());
  const target = `/api/v1/orgs/${org}/projects`;
  const post = (headers: Record<string, string>, name: string) => page.request.post(target, { headers, data: { name, displayName: name } });
  expect((await post({ origin: attackerOrigin }, 'forged-a')).status()).toBe(403);
  expect((await post({}, 'forged-b')).status()).toBe(403);
  expect((await post({ origin: 'null' }, 'forged-c')).status()).toBe(403);
  const names = JSON.stringify(await (await page.request.get(target)).json());
  expect(names).not.toContain('forged-');
  // The console's own Origin writes.
  expect((await post(consoleHeaders, 'own-origin')).status()).toBe(201);
  // The console's own page, with a browser fetch (same origin: Chromium sends the Origin itself).
  const status = await page.evaluate(async (url) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'from-page', displayName: 'From page' }) })).status, target);
  expect(status).toBe(201);
});

test('server actions: Next refuses a replayed action from another origin', async ({ page }) => {
  await signInAsAdmin(page);
  const org = orgOf(page.url());
  expect((await page.request.post(`/api/v1/orgs/${org}/projects`, { headers: consoleHeaders, data: { name: 'csrf-action', displayName: 'Before' } })).status()).toBe(201);
  await page.goto(`/o/${org}/projects/csrf-action`);

  // Capture the real action request the Edit dialog sends.
  const captured = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit project' });
  await dialog.getByLabel('Display name').fill('Edited');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const action = await captured;
  await expect(page.getByRole('heading', { name: 'Edited', level: 1 })).toBeVisible();
  const headers = await action.allHeaders();
  const replay = (origin: string, displayName: string) =>
    page.request.fetch(action.url(), {
      method: 'POST',
      headers: { ...Object.fromEntries(Object.entries(headers).filter(([k]) => !['cookie', 'origin', 'host', 'content-length', 'referer'].includes(k) && !k.startsWith(':'))), origin },
      data: action.postData()!.replace('Edited', displayName),
    });
  const displayName = async () => (await (await page.request.get(`/api/v1/orgs/${org}/projects/csrf-action`)).json()).displayName;

  await replay(attackerOrigin, 'Forged');
  expect(await displayName()).toBe('Edited');
  // The same replay from the console's own Origin goes through: the Origin is what stopped it.
  await replay(baseURL, 'Replayed');
  expect(await displayName()).toBe('Replayed');
});

test('rotating X-Forwarded-For does not buy more sign-in guesses', async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL });
  const statuses: number[] = [];
  for (let i = 0; i < 15; i++) {
    const res = await api.post('/api/auth/sign-in/email', {
      headers: { origin: baseURL, 'x-forwarded-for': `198.18.0.${i + 1}` },
      data: { email: 'ghost@example.test', password: `guess-${i}-wrong-password` },
    });
    statuses.push(res.status());
  }
  // Every address was the same client (no trusted proxy is configured): the backoff holds.
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  await api.dispose();
});
