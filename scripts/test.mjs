#!/usr/bin/env node
// `npm test`: every test — unit and integration (vitest: PGlite, and real Postgres when
// TEST_DATABASE_URL is set), then end-to-end in Debian's Chromium (Playwright).
// Installs missing system packages when running as root; otherwise says what to install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { enginePackages, ensurePackages, has } from './system-packages.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const out = path.join(root, 'e2e', '.artifacts');
fs.mkdirSync(out, { recursive: true });

const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

// Each tool the tests drive for real, and the Debian package that provides it.
const needs = [
  ['chromium', 'chromium'],
  ...enginePackages,
  ['docker-registry', 'docker-registry'],
  ['busybox', 'busybox-static'],
  ['htpasswd', 'apache2-utils'],
  ['openssl', 'openssl'],
  ['caddy', 'caddy'], // the gateway's reverse proxy (lib/gateway)
];

function pgAnswers(url) {
  return spawnSync('psql', [url, '-Atc', 'select 1'], { stdio: 'ignore' }).status === 0;
}

function ensurePostgres(url) {
  if (has('psql') && pgAnswers(url)) return;
  if (process.getuid?.() !== 0) {
    console.error(`TEST_DATABASE_URL is set but no Postgres answers at it. Start one, or install it: sudo apt-get install -y postgresql`);
    process.exit(1);
  }
  if (!ensurePackages([['pg_ctlcluster', 'postgresql'], ['psql', 'postgresql-client']])) process.exit(1);
  const version = fs.readdirSync('/etc/postgresql')[0];
  run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
  if (!pgAnswers(url)) {
    // A server installed just now only trusts local peers: let the test user in over loopback.
    const hba = `/etc/postgresql/${version}/main/pg_hba.conf`;
    fs.writeFileSync(hba, `host all all 127.0.0.1/32 trust\n${fs.readFileSync(hba, 'utf8')}`);
    run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'reload']);
  }
  if (!pgAnswers(url)) {
    console.error(`Postgres ${version} started, but ${url.replace(/:[^:@/]*@/, ':***@')} still does not answer.`);
    process.exit(1);
  }
}

function vitest(label, args, env = {}) {
  const report = path.join(out, `vitest-${label}.json`);
  const status = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], env);
  const r = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : { numPassedTests: 0, numFailedTests: 1 };
  // The failed tests' names and first message line, repeated in the summary: a CI log is often
  // kept only in part, and its end is what survives.
  const failures = (r.testResults ?? []).flatMap((file) => {
    const where = path.relative(root, file.name);
    const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    if (tests.length === 0 && file.status === 'failed') return [`${where}: ${String(file.message ?? '').split('\n')[0]}`];
    return tests.map((t) => `${where} › ${t.fullName}: ${String(t.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300)}`);
  });
  return { status, passed: r.numPassedTests, failed: r.numFailedTests + (status !== 0 && r.numFailedTests === 0 ? 1 : 0), failures };
}

function playwright() {
  const report = path.join(out, 'playwright.json');
  const status = run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  const json = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : undefined;
  const stats = json?.stats;
  const failures = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) if (t.status === 'unexpected') failures.push(`${spec.file}:${spec.line} › ${spec.title}: ${String(t.results?.at(-1)?.error?.message ?? '').split('\n')[0].slice(0, 300)}`);
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of json?.suites ?? []) walk(suite);
  const passed = stats ? stats.expected + stats.flaky : 0;
  const failed = stats ? stats.unexpected : 1;
  return { status, passed, failed: failed + (status !== 0 && failed === 0 ? 1 : 0), failures };
}

if (!ensurePackages(needs)) process.exit(1);
const results = [];
// Every vitest file together, the network visibility tests among them: the teardowns of other
// files' networks no longer open the isolation between networks (netavark-isolation.ts).
results.push(['unit + integration (PGlite)', vitest('pglite', [], { TEST_DATABASE_URL: '' })]);
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) {
  ensurePostgres(pgUrl);
  results.push(['integration (Postgres)', vitest('postgres', ['lib/services', 'lib/api'], { TEST_DATABASE_URL: pgUrl })]);
}
results.push(['end-to-end (Chromium)', playwright()]);

let passed = 0;
let failed = 0;
console.log('\nSummary');
for (const [label, r] of results) {
  console.log(`  ${label}: ${r.passed} passed, ${r.failed} failed`);
  for (const f of r.failures ?? []) console.log(`    ✗ ${f}`);
  passed += r.passed;
  failed += r.failed;
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.every(([, r]) => r.status === 0) ? 0 : 1);
