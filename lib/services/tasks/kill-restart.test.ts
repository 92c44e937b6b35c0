/**
 * kill -9 of the console during an execution: a child process runs the job engine, starts a
 * task's container and stores its first log lines; the test kills it with SIGKILL. A new
 * engine (this process) finds the container by its label, follows it to its end, stores the
 * rest of the log once, and records the exit code — nothing lost, nothing doubled.
 */
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { deployment, environment, organization } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { executionSettled, testEngine } from '@/lib/jobs/testing';
import { createComponent } from '@/lib/services/components/create-component';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { buildTestImage, podmanEnv, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { executionLogs } from './execution-logs';
import { runTask } from './run-task';

const run = randomUUID().slice(0, 8);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-kill-'));
const engineDir = path.join(tmp, 'engine');
let reg: TestRegistry;
let dbUrl: string | undefined;
let dropDb: (() => Promise<void>) | undefined;
let jobs: Awaited<ReturnType<typeof testEngine>> | undefined;
let d: Database | undefined;

function open() {
  return openDatabase(dbUrl ? { url: dbUrl } : { dataDir: path.join(tmp, 'db') });
}

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    // Real Postgres: a database of this test's own, shared by the child and this process.
    const { Client } = await import('pg');
    const name = `gantry_kill_${randomBytes(5).toString('hex')}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    dropDb = async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  reg = await startRegistry({ auth: 'anonymous' });
  await pushImage(await buildTestImage({ message: 'slow job', variant: 'task-slow' }), `${reg.host}/jobs/slow:1`);
}, 120_000);

afterAll(async () => {
  await jobs?.stop();
  await d?.close();
  try {
    const ids = execFileSync('podman', ['ps', '-aq', '--filter', `label=gantry.test-run=${run}`], { env: podmanEnv() }).toString().trim().split('\n').filter(Boolean);
    if (ids.length) execFileSync('podman', ['rm', '-f', '-t', '0', ...ids], { env: podmanEnv() });
  } catch {
    /* nothing left */
  }
  await reg?.stop();
  await dropDb?.();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('kill -9 of the console during an execution', () => {
  it('is found by its label and finished after the restart, its log stored once', async () => {
    // The world, written before the "console" starts (PGlite allows one process at a time).
    let id: string;
    {
      const setup = await open();
      const fx = await orgWithMembers(setup.db, 'acme');
      await createProject(fx.users.developer, { org: 'acme', name: 'ops', displayName: 'Ops' });
      const r = await createRegistry(fx.users.admin, 'acme', { displayName: 'Jobs', authType: 'anonymous', host: reg.host });
      const c = await createComponent(fx.users.developer, { org: 'acme', project: 'ops', name: 'slow', displayName: 'Slow', type: 'manual-task', registryId: r.id, image: `${reg.host}/jobs/slow:1` });
      const [org] = await setup.db.select().from(organization).where(eq(organization.slug, 'acme'));
      const [dev] = await setup.db.select().from(environment).where(eq(environment.organizationId, org.id)).orderBy(environment.position);
      await setup.db.insert(deployment).values({ organizationId: org.id, componentId: c.id, environmentId: dev.id, releaseId: c.release.id, status: 'active', triggeredByType: 'system', triggeredByLabel: 'test' });
      id = (await runTask(fx.users.developer, { org: 'acme', project: 'ops', component: 'slow' })).id;
      await setup.close();
    }

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(process.cwd(), 'lib/jobs/engine-process.ts')], {
      env: { ...process.env, GANTRY_TEST_DB_URL: dbUrl ?? '', GANTRY_TEST_DB_DIR: path.join(tmp, 'db'), GANTRY_TEST_ENGINE_DIR: engineDir, GANTRY_TEST_RUN: run, GANTRY_TEST_WATCH: id },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.toString().includes(`RUNNING ${id}`) && resolve());
      void exited.then((how) => reject(new Error(`the engine process ended (${String(how)}) before the execution ran: ${stderr.slice(-2000)}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // The console comes back: same database, same engine directory.
    d = await open();
    const before = await executionLogs({ db: d.db, actor: { type: 'system', label: 'test' } }, { org: 'acme', project: 'ops', component: 'slow', id });
    expect(before.done).toBe(false);
    expect(before.lines.map((l) => l.text)).toEqual(['slow job', 'started']);
    jobs = await testEngine(d.db, { dataDir: engineDir, run });
    const row = await executionSettled(d.db, id);
    expect(row).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    const after = await executionLogs({ db: d.db, actor: { type: 'system', label: 'test' } }, { org: 'acme', project: 'ops', component: 'slow', id });
    expect(after.lines.map((l) => l.text)).toEqual(['slow job', 'started', 'finished']);
    expect(after.lines.map((l) => l.seq)).toEqual([0, 1, 2]);
    // And the container is cleaned up.
    expect(execFileSync('podman', ['ps', '-aq', '--filter', `label=gantry.run=${id}`], { env: podmanEnv() }).toString().trim()).toBe('');
  }, 300_000);
});
