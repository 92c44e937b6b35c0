import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriverFactory } from './drivers';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gantry-drivers-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('driver factory', () => {
  it('keeps the data directory out of engine errors (they may become deployment reasons)', async () => {
    // An engine socket in the data directory that nothing serves.
    const drivers = createDriverFactory({ dataDir, installation: 'abcdef012345', dockerHost: `unix://${dataDir}/podman.sock` });
    const e = await drivers.driverFor({ id: 'p1', name: 'local', driver: 'docker', settings: {}, secretCiphertext: null }).catch((err: unknown) => err);
    expect(e).toMatchObject({ name: 'ServiceError', code: 'unavailable', message: expect.stringContaining('<data dir>/podman.sock') });
    expect((e as Error).message).not.toContain(dataDir);
    await drivers.stop();
  });
});
