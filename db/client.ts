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
}

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/** Opens the database and applies pending migrations. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url);
  return openPglite(opts.dataDir);
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

async function openPglite(dataDir?: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  let releaseLock = () => {};
  if (dataDir) {
    secureDataDir(dataDir);
    releaseLock = takeLock(path.join(dataDir, 'gantry.lock'));
  }
  try {
    const client = dataDir ? await PGlite.create(path.join(dataDir, 'pg')) : await PGlite.create();
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

