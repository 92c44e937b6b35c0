import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isolatingContainersConf } from '../dataplane/engine/netavark-isolation';

/**
 * Every podman the tests run — engines they start and the podman CLI of the test helpers — reads
 * one containers.conf whose netavark is the wrapper the console's engine uses (netavark-isolation.ts),
 * so the tests' engines keep networks apart exactly as the console's does. (Not root or no
 * netavark: nothing changes.)
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
