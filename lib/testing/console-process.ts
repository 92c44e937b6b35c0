/**
 * kill -9 of a console and its restart, for tests (deployments, task executions, pipeline
 * runs): a database the killed process and the test open in turn — a PGlite directory (one
 * process at a time, as in production) or, with TEST_DATABASE_URL, a Postgres database of the
 * test's own — and the console's job engine in a child process (lib/jobs/engine-process.ts)
 * that says when the watched work is in flight, to be killed with SIGKILL right then.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database, type OpenOptions } from '@/db/client';
import { ownPostgresDatabase } from '@/db/testing';
import { installationId } from '@/lib/dataplane/installation';
import type { RetryPolicy } from '@/lib/jobs/lease';
import { testEngine } from '@/lib/jobs/testing';
import type { WatchKind } from '@/lib/jobs/engine-process';
import { removeLabelled } from '@/lib/reconciler/testing';

/**
 * Everything a kill -9 test needs, and its cleanup: a temp dir, the restartable database, the
 * engine directory and run label both consoles share, the killed console (`kill`), and the
 * console started again (`reopen`: its database; `restart`: its engine). `cleanup` ends them all
 * and removes every container and network of the run.
 */
export async function killRestartScene(name: string) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `gantry-${name}-`));
  const world = await restartableDatabase(tmp);
  const run = randomUUID().slice(0, 8);
  const engineDir = path.join(tmp, 'engine');
  let killed: Awaited<ReturnType<typeof startConsoleEngine>> | undefined;
  let engine: Awaited<ReturnType<typeof testEngine>> | undefined;
  let db: Database | undefined;
  return {
    world,
    run,
    engineDir,
    /** The console that gets killed: its engine in a child process, resolved once `watch` is in flight. */
    async startConsole(watch: string, watchKind: WatchKind) {
      killed = await startConsoleEngine({ db: world, engineDir, run, watch, watchKind });
      return killed;
    },
    /** The database, opened by this process (the first console's, or the restarted one's). */
    async reopen() {
      db = await world.open();
      return db;
    },
    /** The restarted console's engine on the reopened database; `stop` then `restart` again is a clean restart. */
    async restart(retry?: RetryPolicy) {
      engine = await restartedEngine(db!, { engineDir, run, retry });
      return engine;
    },
    /** Stops the engine started here (containers keep running) and closes the database, as a console's clean stop. */
    async stop() {
      await engine?.stop();
      engine = undefined;
      await db?.close();
      db = undefined;
    },
    async cleanup() {
      await killed?.kill();
      await engine?.stop();
      await db?.close();
      removeLabelled(`gantry.test-run=${run}`);
      await world.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export async function restartableDatabase(tmp: string) {
  const server = process.env.TEST_DATABASE_URL || undefined;
  const own = server ? await ownPostgresDatabase(server, 'gantry_kill') : undefined;
  const where: OpenOptions = own ? { url: own.url } : { dataDir: path.join(tmp, 'db') };
  return {
    where,
    kind: own ? ('postgres' as const) : ('pglite' as const),
    open: () => openDatabase(where),
    drop: async () => own?.drop(),
  };
}

export type RestartableDatabase = Awaited<ReturnType<typeof restartableDatabase>>;

/**
 * The console's job engine in a child process on `db`; resolves once `watch` is in flight.
 * `kill()` sends SIGKILL and resolves with how the process ended (idempotent: tests call it
 * again in their cleanup).
 */
export async function startConsoleEngine(opts: { db: RestartableDatabase; engineDir: string; run: string; watch: string; watchKind: WatchKind }) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(process.cwd(), 'lib/jobs/engine-process.ts')], {
    env: {
      ...process.env,
      GANTRY_TEST_DB_URL: opts.db.where.url ?? '',
      GANTRY_TEST_DB_DIR: opts.db.where.dataDir ?? '',
      GANTRY_TEST_ENGINE_DIR: opts.engineDir,
      GANTRY_TEST_RUN: opts.run,
      GANTRY_TEST_WATCH: opts.watch,
      GANTRY_TEST_WATCH_KIND: opts.watchKind,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return exited;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.toString().includes(`RUNNING ${opts.watch}`) && resolve());
      void exited.then((how) => reject(new Error(`the console's engine ended (${String(how)}) before ${opts.watch} was in flight: ${stderr.slice(-2000)}`)));
    });
  } catch (e) {
    await kill();
    throw e;
  }
  return { pid: child.pid!, kill };
}

/**
 * The console started again after the kill: the same database, engine directory and
 * installation id, taking back what was left in flight as boot does (every row on PGlite,
 * only rows whose lease ran out on Postgres).
 */
export async function restartedEngine(db: Awaited<ReturnType<typeof openDatabase>>, opts: { engineDir: string; run: string; retry?: RetryPolicy }) {
  return testEngine(db.engineDb, { dataDir: opts.engineDir, run: opts.run, installation: await installationId(db.db), singleProcess: db.kind === 'pglite', retry: opts.retry });
}
