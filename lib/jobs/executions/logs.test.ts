import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { logChunk } from '@/db/schema';
import { logRetentionKind } from './kind';
import { pruneLogs, readLogLines } from './logs';

// Stored logs outlive the container for GANTRY_LOG_RETENTION_DAYS, then go: the retention job's tick.
let d: Database;
beforeAll(async () => {
  d = await testDatabase();
}, 60_000);
afterAll(async () => d?.close());

const DAY = 86_400_000;
const line = (text: string) => ({ stream: 'stdout' as const, text, at: new Date().toISOString() });
async function chunk(ownerId: string, seq: number, texts: string[], ageDays: number, ownerKind: 'execution' | 'step' = 'execution') {
  await d.db.insert(logChunk).values({ ownerKind, ownerId, seq, lines: texts.map(line), at: new Date(Date.now() - ageDays * DAY) });
}

describe('log retention', () => {
  it('drops chunks older than the retention period and keeps the rest readable', async () => {
    const old = randomUUID();
    const recent = randomUUID();
    await chunk(old, 0, ['a', 'b'], 31);
    await chunk(old, 2, ['c'], 30.5);
    await chunk(recent, 0, ['x'], 29);
    await chunk(recent, 1, ['y'], 0);
    const step = randomUUID();
    await chunk(step, 0, ['pipeline step line'], 40, 'step');

    expect(await pruneLogs(d.db, 30)).toBe(3);
    expect(await readLogLines(d.db, old)).toEqual([]);
    expect((await readLogLines(d.db, recent)).map((l) => l.text)).toEqual(['x', 'y']);
    expect(await readLogLines(d.db, step, 0, 'step')).toEqual([]);
    // Nothing else is past it now.
    expect(await pruneLogs(d.db, 30)).toBe(0);
  });

  it('the retention job prunes with the configured days on its tick', async () => {
    const owner = randomUUID();
    await chunk(owner, 0, ['eight days old'], 8);
    await chunk(owner, 1, ['six days old'], 6);
    await logRetentionKind({ db: d.db, retentionDays: 7 }).tick!.run(new AbortController().signal);
    expect((await readLogLines(d.db, owner)).map((l) => l.text)).toEqual(['six days old']);
  });
});
