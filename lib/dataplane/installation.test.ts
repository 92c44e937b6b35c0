import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { installation } from '@/db/schema';
import { INSTALLATION_ID } from './docker/names';
import { installationId, newInstallationId } from './installation';

let d: Database;
beforeAll(async () => {
  d = await testDatabase();
});
afterAll(async () => {
  await d?.close();
});

describe('installation id', () => {
  it('is generated once, kept in the database and fit for names and labels', async () => {
    const [first, concurrent] = await Promise.all([installationId(d.db), installationId(d.db)]);
    expect(first).toMatch(INSTALLATION_ID);
    expect(concurrent).toBe(first);
    expect(await installationId(d.db)).toBe(first);
    expect(newInstallationId()).not.toBe(newInstallationId());
  });

  it('settles on the oldest row when two processes created one at once', async () => {
    const id = await installationId(d.db);
    await d.db.insert(installation).values({ id: 'ffffffffffff', createdAt: new Date(Date.now() + 60_000) });
    expect(await installationId(d.db)).toBe(id);
  });
});
