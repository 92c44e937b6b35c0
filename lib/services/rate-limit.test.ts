import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { isServiceError } from '@/lib/errors';
import { takeToken } from './rate-limit';

describe('rate limits in the database', () => {
  let d: Database;
  beforeAll(async () => {
    d = await testDatabase();
  });
  afterAll(async () => {
    await d.close();
  });

  it('grant exactly the burst to concurrent callers on two connection pools (two processes on Postgres), then refuse with Retry-After', async () => {
    // db and engineDb are separate pools on Postgres: the same bucket must hold across them.
    const draws = Array.from({ length: 40 }, (_, i) => takeToken(i % 2 ? d.db : d.engineDb, 'test:shared', 10, 'tests').then(() => 'granted', (e) => e));
    const results = await Promise.all(draws);
    const granted = results.filter((r) => r === 'granted').length;
    // 10 per minute refills one token every 6 s; the draws take well under that.
    expect(granted).toBeGreaterThanOrEqual(10);
    expect(granted).toBeLessThanOrEqual(11);
    const refused = results.find((r) => r !== 'granted');
    expect(isServiceError(refused) && refused.code).toBe('rate_limited');
    expect(refused.details.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.details.retryAfter).toBeLessThanOrEqual(6);
    expect(refused.message).toMatch(/Too many tests: the limit is 10 per minute/);
  });

  it('keeps other keys apart', async () => {
    await expect(takeToken(d.db, 'test:other', 1, 'tests')).resolves.toBeUndefined();
    await expect(takeToken(d.db, 'test:other', 1, 'tests')).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(takeToken(d.db, 'test:third', 1, 'tests')).resolves.toBeUndefined();
  });
});
