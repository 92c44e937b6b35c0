import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureListenerMigration } from './listener-migration';

// The sysctl itself is checked where it matters (caddy.test.ts); here a file stands in for it.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-sysctl-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ensureListenerMigration', () => {
  it('turns it on when off, and leaves it on', async () => {
    const file = path.join(dir, 'tcp_migrate_req');
    await writeFile(file, '0\n');
    expect(await ensureListenerMigration(file)).toBe('turned-on');
    expect((await readFile(file, 'utf8')).trim()).toBe('1');
    expect(await ensureListenerMigration(file)).toBe('on');
  });

  it('says unavailable (and does not throw) where it cannot be read or written', async () => {
    expect(await ensureListenerMigration(path.join(dir, 'missing', 'tcp_migrate_req'))).toBe('unavailable');
  });
});
