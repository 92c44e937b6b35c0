import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { secureDataDir } from '@/lib/data-dir';
import { logger } from '@/lib/logger';
import { isPidAlive } from '@/lib/util/process';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A transaction or the database itself: anything queries can run on. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  /** For requests. */
  db: Db;
  /**
   * For the job engine and drift watch. On Postgres a pool of its own, so a storm of requests
   * cannot starve rollouts of connections (nor rollouts slow the accept path); on PGlite the
   * same single connection.
   */
  engineDb: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… → node-postgres; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; omitted → in memory (tests). */
  dataDir?: string;
  /** PGlite: start an empty data directory from the build's seed (see pgliteSeedDir) when there is one; default true. */
  seed?: boolean;
}

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/** Opens the database and applies pending migrations. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url);
  return openPglite(opts.dataDir, opts.seed ?? true);
}

async function openPostgres(url: string): Promise<Database> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // A connection that cannot be made within 3 s fails the request (503, see lib/http/errors.ts)
  // instead of queueing it behind an outage.
  const open = (max: number) => {
    const pool = new Pool({ connectionString: url, max, connectionTimeoutMillis: 3000 });
    // An idle connection the server closes (restart, failover, admin command) must not take the
    // process down: the pool drops it and opens a new one on the next query.
    pool.on('error', (err) => logger.warn({ code: (err as { code?: string }).code }, 'database connection lost'));
    // The same for a connection that is checked out (e.g. inside a transaction waiting on a
    // registry) when the server goes away: its pending query rejects, the request answers 503,
    // and the client's 'error' event must have a listener or it becomes an uncaught exception.
    pool.on('connect', (client) => client.on('error', (err) => logger.warn({ code: (err as { code?: string }).code }, 'database connection lost while in use')));
    return pool;
  };
  const pool = open(10);
  const enginePool = open(4);
  const db = drizzle(pool, { schema });
  await migrate(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    engineDb: drizzle(enginePool, { schema }) as unknown as Db,
    kind: 'postgres',
    close: async () => {
      await Promise.all([pool.end(), enginePool.end()]);
    },
  };
}

/**
 * Settings of the embedded Postgres, on top of PGlite's: it serves one process and a small
 * database, and PGlite's default shared_buffers (128 MB) pins far more of the WASM heap than the
 * data needs (a page that misses is read from the OS page cache). 8 MB: measured in
 * npm run bench:console (idle RSS, page times with 100,000 audit events).
 */
export const PGLITE_SETTINGS = ['-c', 'shared_buffers=8MB', '-c', 'wal_buffers=1MB'];

/**
 * Where `npm run build` leaves an initialised, migrated, empty embedded database
 * (scripts/pglite-seed.ts). A first start copies it instead of running initdb in a second
 * WASM instance: seconds faster, and without the hundreds of MB initdb leaves in the heap.
 */
export function pgliteSeedDir() {
  return path.join(process.cwd(), '.next', 'pglite-seed');
}

/** The installed PGlite's version: a seed made by another one is not used. */
function pgliteVersion(): string | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Copies the build's seed into `pgDir` when `pgDir` holds no database yet (whole or not at all: copied aside, then renamed). */
export function seedFrom(seedDir: string, pgDir: string) {
  if (fs.existsSync(path.join(pgDir, 'PG_VERSION'))) return;
  const meta = (() => {
    try {
      return JSON.parse(fs.readFileSync(path.join(seedDir, 'seed.json'), 'utf8')) as { pglite?: string };
    } catch {
      return undefined;
    }
  })();
  if (!meta || meta.pglite !== pgliteVersion()) return;
  if (fs.existsSync(pgDir)) {
    if (fs.readdirSync(pgDir).length) return; // something else is there: leave it to PGlite
    fs.rmdirSync(pgDir);
  }
  const partial = `${pgDir}.seeding`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.cpSync(path.join(seedDir, 'pg'), partial, { recursive: true });
  fs.renameSync(partial, pgDir);
}

async function openPglite(dataDir: string | undefined, seed: boolean): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  let releaseLock = () => {};
  if (dataDir) {
    secureDataDir(dataDir);
    releaseLock = takeLock(path.join(dataDir, 'gantry.lock'));
  }
  try {
    const options = { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] };
    if (dataDir && seed) seedFrom(pgliteSeedDir(), path.join(dataDir, 'pg'));
    const client = dataDir ? await PGlite.create(path.join(dataDir, 'pg'), options) : await PGlite.create(options);
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      engineDb: db as unknown as Db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (e) {
    releaseLock();
    throw e;
  }
}

/** Makes the build's seed (scripts/pglite-seed.ts): a fresh embedded database with every migration applied. */
export async function writePgliteSeed(target = pgliteSeedDir()) {
  const tmp = fs.mkdtempSync(path.join(path.dirname(target), '.pglite-seed-'));
  try {
    const d = await openPglite(tmp, false);
    await d.close();
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    fs.renameSync(path.join(tmp, 'pg'), path.join(target, 'pg'));
    fs.writeFileSync(path.join(target, 'seed.json'), `${JSON.stringify({ pglite: pgliteVersion() })}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * PGlite does not lock its directory, and two processes writing to it corrupt it.
 * The lock file holds the owner's pid; a lock whose process is gone is taken over.
 */
function takeLock(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (owner && owner !== process.pid && isPidAlive(owner)) {
        throw new Error(
          `The data directory ${path.dirname(file)} is in use by another Gantry process (pid ${owner}). Stop it first, or set GANTRY_DATA_DIR to another directory.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}.`);
}

