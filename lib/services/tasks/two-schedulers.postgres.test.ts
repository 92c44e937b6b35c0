/**
 * Two consoles on one real Postgres: two child processes, each with its own pool and the
 * production scheduler kind, on one fast clock (a virtual minute per real second; one fires
 * slots 20 s ahead, the other at the slot and 30 s behind). Every slot of every schedule fires exactly once — no slot lost, none twice.
 * Postgres only (PGlite is one process by construction): runs in the Postgres pass of npm test.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { component, taskExecution, taskSchedule } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { createComponent } from '@/lib/services/components/create-component';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { setSchedule } from './set-schedule';

const base = process.env.TEST_DATABASE_URL!;
const name = `gantry_twin_${randomBytes(5).toString('hex')}`;
const names = ['t1', 't2', 't3', 't4', 't5'];
const T0 = Date.parse('2031-01-01T00:00:00Z');
let url: string;
let d: Database;
let reg: TestRegistry;
const children: ChildProcessByStdio<Writable, Readable, Readable>[] = [];

async function admin(sql: string) {
  const { Client } = await import('pg');
  const c = new Client({ connectionString: base });
  await c.connect();
  await c.query(sql);
  await c.end();
}

function scheduler(skewMs: number, aheadMs: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(process.cwd(), 'lib/jobs/scheduler-process.ts')], {
    env: { ...process.env, GANTRY_TEST_DB_URL: url, GANTRY_TEST_T0: String(T0), GANTRY_TEST_SPEED: '60', GANTRY_TEST_SKEW_MS: String(skewMs), GANTRY_TEST_AHEAD_MS: String(aheadMs), GANTRY_LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => b.toString().includes('READY') && resolve());
    void exited.then((how) => reject(new Error(`scheduler process ended (${String(how)}): ${stderr.slice(-2000)}`)));
  });
  return { child, ready, exited };
}

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 8)]));
  await admin(`create database ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  url = u.toString();
  [d, reg] = await Promise.all([openDatabase({ url }), startRegistry({ auth: 'anonymous' })]);
  await pushImage(await buildTestImage({ message: 'report job', variant: 'task-args' }), `${reg.host}/jobs/report:1`);
  const fx = await orgWithMembers(d.db, 'acme');
  await createProject(fx.users.developer, { org: 'acme', name: 'ops', displayName: 'Ops' });
  const r = await createRegistry(fx.users.admin, 'acme', { displayName: 'Jobs', authType: 'anonymous', host: reg.host });
  for (const n of names) {
    await createComponent(fx.users.developer, { org: 'acme', project: 'ops', name: n, displayName: n, type: 'scheduled-task', registryId: r.id, image: `${reg.host}/jobs/report:1`, schedule: '* * * * *' });
    await setSchedule(fx.users.developer, { org: 'acme', project: 'ops', component: n, environment: 'development', cron: '* * * * *', timeZone: 'UTC' });
  }
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await d?.close();
  await reg?.stop();
  await admin(`drop database if exists ${name} with (force)`);
});

describe('two schedulers on one Postgres', () => {
  it('fire every slot of every schedule exactly once', async () => {
    const ids = (await d.db.select({ id: component.id }).from(component).where(inArray(component.name, names))).map((c) => c.id);
    await d.db.update(taskSchedule).set({ nextRunAt: new Date(T0), paused: false }).where(inArray(taskSchedule.componentId, ids));
    // One fires slots 20 s ahead (as production does), the other at the slot, 30 s behind.
    const a = scheduler(0, 20_000);
    const b = scheduler(-30_000, 0);
    await Promise.all([a.ready, b.ready]);
    const go = `GO ${Date.now()}\n`;
    a.child.stdin.write(go);
    b.child.stdin.write(go);
    // ~15 virtual minutes: wait until every schedule has fired at least 12 slots.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const rows = await d.db.select({ c: taskExecution.componentId }).from(taskExecution).where(inArray(taskExecution.componentId, ids));
      const counts = ids.map((id) => rows.filter((r) => r.c === id).length);
      if (Math.min(...counts) >= 12) break;
      if (Date.now() > deadline) throw new Error(`only ${counts.join(', ')} slots fired in 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);

    for (const id of ids) {
      const rows = await d.db.select().from(taskExecution).where(eq(taskExecution.componentId, id)).orderBy(asc(taskExecution.scheduledFor));
      const [s] = await d.db.select().from(taskSchedule).where(eq(taskSchedule.componentId, id));
      // One row per minute from T0 up to the slot before next_run_at: none lost, none twice.
      const slots = Math.round((s.nextRunAt!.getTime() - T0) / 60_000);
      expect(slots).toBeGreaterThanOrEqual(12);
      expect(rows.map((r) => r.scheduledFor!.getTime())).toEqual(Array.from({ length: slots }, (_, m) => T0 + m * 60_000));
      expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
      // Nothing is deployed: each fired slot is recorded (skipped; missed if a tick came past the deadline on a loaded machine).
      expect(rows.every((r) => r.status === 'skipped' || r.status === 'missed')).toBe(true);
    }
  }, 180_000);
});
