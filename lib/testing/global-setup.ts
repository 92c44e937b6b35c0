import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isolatingContainersConf } from '../dataplane/engine/netavark-isolation';

/**
 * Every podman the tests run — engines they start and the podman CLI of the test helpers — reads
 * one containers.conf whose netavark is the isolation-keeping wrapper (netavark-isolation.ts).
 * A plain netavark 1.4 teardown on this host removes the jump that keeps project networks apart,
 * for every network of every engine; with test files running in parallel, one CLI `podman rm`
 * was enough to let a cross-project probe through. (Not root or no netavark: nothing changes.)
 */
export default async function setup() {
  if (process.env.GANTRY_CONTAINERS_CONF) return;
  const base = path.resolve(import.meta.dirname, '../dataplane/engine/containers.conf');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-test-engine-'));
  const conf = await isolatingContainersConf(dir, base);
  if (conf !== base) process.env.GANTRY_CONTAINERS_CONF = conf;
  return async () => {
    delete process.env.GANTRY_CONTAINERS_CONF;
    await rm(dir, { recursive: true, force: true });
  };
}
