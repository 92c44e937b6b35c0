import { config } from '@/lib/config';
import { logger } from '@/lib/logger';
import { openDatabase, type Database, type Db } from './client';

export type { Db, Tx } from './client';

const g = globalThis as unknown as { __gantryDb?: Promise<Database> };

/** The process-wide database, opened (and migrated) on first use and closed on SIGINT/SIGTERM. */
export function database(): Promise<Database> {
  if (!g.__gantryDb) {
    const c = config();
    g.__gantryDb = openDatabase(c.DATABASE_URL ? { url: c.DATABASE_URL } : { dataDir: c.dataDir }).then((d) => {
      logger.info({ kind: d.kind }, 'database ready');
      return d;
    });
    g.__gantryDb.catch(() => {
      g.__gantryDb = undefined;
    });
  }
  return g.__gantryDb;
}

export async function getDb(): Promise<Db> {
  return (await database()).db;
}

export async function closeDatabase(): Promise<void> {
  const pending = g.__gantryDb;
  g.__gantryDb = undefined;
  if (pending) await (await pending).close();
}

/** Points the process-wide database at an already-open one (integration tests of route handlers). */
export function useDatabaseForTests(d: Database) {
  g.__gantryDb = Promise.resolve(d);
}
