// npm run bench:console — cold start, idle memory, and page server times with 1,000 projects / 100,000 audit events.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, PGLITE_SETTINGS, pgliteSeedDir } from '@/db/client';
import { auditEvent, project } from '@/db/schema';
import { createUser } from '@/lib/services/users/create-user';
import { signIn, startConsole, stopConsole, timeGet, treeRssMb } from './lib';

const email = 'bench@example.test';
const password = 'bench-password-1';

async function seed(dataDir: string) {
  const d = await openDatabase({ dataDir });
  const { org } = await createUser({ db: d.db, actor: { type: 'system', label: 'bench' } }, { name: 'Bench', email, password, organization: { slug: 'bench', name: 'Bench' } });
  const orgId = org!.id;
  const t = performance.now();
  await d.db.execute(sql`insert into ${project} (organization_id, name, display_name, created_at)
    select ${orgId}, 'project-' || g, 'Project ' || g, now() - (g || ' minutes')::interval from generate_series(1, 1000) g`);
  await d.db.execute(sql`insert into ${auditEvent} (organization_id, actor_type, actor_label, via, action, target_type, target_label, data, created_at)
    select ${orgId}, 'system', 'bench', 'system', 'bench.event', 'project', 'project-' || (g % 1000), jsonb_build_object('n', g), now() - (g || ' seconds')::interval
    from generate_series(1, 100000) g`);
  await d.db.execute(sql`analyze`);
  await d.close();
  return performance.now() - t;
}

/** Bare PGlite in a process of its own (bench/pglite-floor.mjs): what the database alone costs. */
function pgliteFloor(dir: string, mode: 'gantry' | 'defaults'): { openMs: number; idleRssMb: number } {
  if (mode === 'gantry') fs.cpSync(path.join(pgliteSeedDir(), 'pg'), dir, { recursive: true });
  return JSON.parse(execFileSync(process.execPath, ['bench/pglite-floor.mjs', dir, ...(mode === 'gantry' ? [JSON.stringify(PGLITE_SETTINGS)] : [])]).toString());
}

async function main() {
  if (!fs.existsSync('.next/BUILD_ID')) throw new Error('Build first: npm run build');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-bench-'));
  const env = { PORT: '3204', GANTRY_DATA_DIR: dataDir, GANTRY_BASE_URL: 'http://127.0.0.1:3204', GANTRY_GATEWAY_LISTEN: '127.0.0.1:18204', GANTRY_LOG_LEVEL: 'warn' };

  // Cold start on an empty data directory (the build's seed copied, or initdb without one; then migrations), idle there; then on a seeded one.
  const seeded = fs.existsSync(path.join(pgliteSeedDir(), 'seed.json'));
  const first = await startConsole({ ...env, GANTRY_DATA_DIR: path.join(dataDir, 'empty') });
  await new Promise((r) => setTimeout(r, 3000));
  const firstIdleRss = treeRssMb(first.child.pid!);
  await stopConsole(first.child);
  const seedMs = await seed(dataDir);
  const cold = await startConsole(env);
  const cookie = await signIn(cold.baseUrl, email, password);
  await new Promise((r) => setTimeout(r, 3000));
  const idleRss = treeRssMb(cold.child.pid!);

  const pages = {
    'Project list (page)': `${cold.baseUrl}/o/bench`,
    'Audit log (page)': `${cold.baseUrl}/o/bench/settings/audit-log`,
    'Projects (API)': `${cold.baseUrl}/api/v1/orgs/bench/projects`,
    'Audit events (API)': `${cold.baseUrl}/api/v1/orgs/bench/audit-events`,
  };
  const timings: Record<string, { p50: number; p95: number }> = {};
  for (const [name, url] of Object.entries(pages)) timings[name] = await timeGet(url, { cookie });
  const loadedRss = treeRssMb(cold.child.pid!);
  await stopConsole(cold.child);
  // The floor, in the same run: bare PGlite with Gantry's settings on a copy of the seed, and with PGlite's defaults (initdb).
  const floor = seeded ? pgliteFloor(path.join(dataDir, 'floor-gantry'), 'gantry') : undefined;
  const defaults = pgliteFloor(path.join(dataDir, 'floor-defaults'), 'defaults');
  const load = os.loadavg()[0];
  fs.rmSync(dataDir, { recursive: true, force: true });

  const row = (label: string, value: number, unit: string, target: number) =>
    console.log(`${label.padEnd(38)} ${value.toFixed(0).padStart(6)} ${unit.padEnd(3)} target < ${target} ${unit}  ratio ${(value / target).toFixed(2)}  ${value < target ? 'OK' : 'OVER'}`);
  const info = (label: string, value: number, unit: string) => console.log(`${label.padEnd(38)} ${value.toFixed(0).padStart(6)} ${unit}`);
  console.log(`\nGantry console benchmark (${os.cpus().length} cores, Node ${process.version}, load average ${load.toFixed(2)}); seeded 1,000 projects + 100,000 audit events in ${(seedMs / 1000).toFixed(1)} s`);
  console.log(`First start: ${seeded ? 'copies the build\'s seed (.next/pglite-seed)' : 'no seed in this build (npm run build makes it): initdb'}\n`);
  row('Cold start, empty data dir', first.startedMs, 'ms', 5000);
  row('Idle RSS after it (PGlite)', firstIdleRss, 'MB', 300);
  row('Cold start, seeded data dir', cold.startedMs, 'ms', 5000);
  row('Idle RSS (PGlite, seeded)', idleRss, 'MB', 300);
  for (const [name, t] of Object.entries(timings)) row(`${name} p50 (p95 ${t.p95.toFixed(0)} ms)`, t.p50, 'ms', 300);
  info('RSS after the page runs', loadedRss, 'MB');
  console.log('\nFloor (bare PGlite in a process of its own, no Next.js):');
  if (floor) {
    info('  open, Gantry settings, seed copied', floor.openMs, 'ms');
    info('  idle RSS, Gantry settings', floor.idleRssMb, 'MB');
  }
  info('  open, PGlite defaults, initdb', defaults.openMs, 'ms');
  info('  idle RSS, PGlite defaults after initdb', defaults.idleRssMb, 'MB');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
