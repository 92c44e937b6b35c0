import { randomBytes, randomUUID } from 'node:crypto';
import { openDatabase, type Database } from './client';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the real Postgres server named by TEST_DATABASE_URL (dropped on close).
 */
export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL || undefined;
  if (!url) return openDatabase({});
  const { Client } = await import('pg');
  const name = `gantry_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const testPassword = 'correct-horse-battery';

export function uniqueEmail(label = 'user') {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}
