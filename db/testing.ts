import { randomBytes, randomUUID } from 'node:crypto';
import { openDatabase, type Database } from './client';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the real Postgres server named by TEST_DATABASE_URL (dropped on close).
 */
export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL || undefined;
  if (!url) return openDatabase({});
  const own = await ownPostgresDatabase(url);
  const database = await openDatabase({ url: own.url });
  return {
    ...database,
    close: async () => {
      await database.close();
      await own.drop();
    },
  };
}

/**
 * A new, empty database on the Postgres server of `serverUrl`, for one test (several processes
 * may open it by its url); `drop` removes it, connections still open included.
 */
export async function ownPostgresDatabase(serverUrl: string, prefix = 'gantry_t'): Promise<{ url: string; drop(): Promise<void> }> {
  const { Client } = await import('pg');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export const testPassword = 'correct-horse-battery';

export function uniqueEmail(label = 'user') {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}
