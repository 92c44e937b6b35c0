/**
 * The embedded database's first start from the build's seed (db/client.ts): an empty data
 * directory gets a copy of the seed and opens without initdb, every migration applied; a seed
 * made by another PGlite version, or a directory that already holds a database, is left alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, seedFrom, writePgliteSeed } from './client';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-seed-'));
const seed = path.join(tmp, 'seed');

beforeAll(async () => {
  await writePgliteSeed(seed);
}, 120_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the embedded database seed', () => {
  it('is a migrated database with the PGlite version that made it', () => {
    expect(fs.existsSync(path.join(seed, 'pg', 'PG_VERSION'))).toBe(true);
    const meta = JSON.parse(fs.readFileSync(path.join(seed, 'seed.json'), 'utf8'));
    expect(meta.pglite).toBe(JSON.parse(fs.readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')).version);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('.pglite-seed-'))).toEqual([]);
  });

  it('is copied into an empty data directory, which then opens with the schema in place', async () => {
    const dataDir = path.join(tmp, 'a');
    fs.mkdirSync(path.join(dataDir, 'pg'), { recursive: true }); // an empty pg directory counts as empty
    seedFrom(seed, path.join(dataDir, 'pg'));
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'pg.seeding'))).toBe(false);
    const d = await openDatabase({ dataDir, seed: false });
    try {
      const r = (await d.db.execute(sql`select count(*)::int as n from organization`)) as unknown as { rows: { n: number }[] };
      expect(r.rows[0].n).toBe(0);
      const s = (await d.db.execute(sql`show shared_buffers`)) as unknown as { rows: { shared_buffers: string }[] };
      expect(s.rows[0].shared_buffers).toBe('8MB');
    } finally {
      await d.close();
    }
  }, 60_000);

  it('is not used when another PGlite version made it, nor over a database already there', () => {
    const stale = path.join(tmp, 'stale');
    fs.cpSync(seed, stale, { recursive: true });
    fs.writeFileSync(path.join(stale, 'seed.json'), JSON.stringify({ pglite: '0.0.1' }));
    seedFrom(stale, path.join(tmp, 'b', 'pg'));
    expect(fs.existsSync(path.join(tmp, 'b', 'pg'))).toBe(false);

    const pgDir = path.join(tmp, 'c', 'pg');
    fs.mkdirSync(pgDir, { recursive: true });
    fs.writeFileSync(path.join(pgDir, 'PG_VERSION'), '17\n');
    seedFrom(seed, pgDir);
    expect(fs.readdirSync(pgDir)).toEqual(['PG_VERSION']);
  });
});
