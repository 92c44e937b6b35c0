import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeLabelled } from '@/lib/reconciler/testing';
import { buildTestImage, podmanEnv, pushImage } from '@/lib/testing/images';
import { startRegistry } from '@/lib/testing/registry';
import { createDriverFactory } from './drivers';
import type { WorkloadSpec } from './types';

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

  it('retires what a rollout replaced before it stops the engine', async () => {
    const run = randomUUID().slice(0, 8);
    const label = `gantry.test-run=${run}`;
    const registry = await startRegistry({ auth: 'anonymous' });
    try {
      const { digest } = await pushImage(await buildTestImage({ message: 'settle' }), `${registry.host}/ns/settle:1`);
      const drivers = createDriverFactory({ dataDir: path.join(dataDir, 'engine'), installation: `s${run}`, extraLabels: { 'gantry.test-run': run } });
      const driver = await drivers.driverFor({ id: 'p2', name: 'local', driver: 'docker', settings: {}, secretCiphertext: null });
      const spec = (release: string): WorkloadSpec => ({
        identity: { org: 'acme', project: 'shop', component: 'settle', environment: 'development', release },
        type: 'service',
        image: `${registry.host}/ns/settle@${digest}`,
        pullAuth: { kind: 'none' },
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        env: {},
        files: [],
        health: { timeoutSeconds: 20 },
      });
      await driver.rollout(spec('r1'));
      await driver.rollout(spec('r2'));
      // r1 drains in the background now; the console stops.
      await drivers.stop();
      const left = execFileSync('podman', ['ps', '-a', '--format', '{{.Labels}}', '--filter', `label=${label}`], { env: podmanEnv() }).toString();
      expect(left.trim().split('\n')).toHaveLength(1);
      expect(left).toContain('gantry.release:r2');
    } finally {
      removeLabelled(label);
      await registry.stop();
    }
  });
});
