import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { deployment } from '@/db/schema';
import { createDriverFactory } from '@/lib/dataplane/drivers';
import { newInstallationId } from '@/lib/dataplane/installation';
import { registerDrivers } from '@/lib/dataplane/runtime';
import { podmanEnv } from '@/lib/testing/images';
import { startReconciler } from '.';
import { isTerminal } from '@/lib/services/deployments/queries';

/** A reconciler on a real engine (Podman's API service in a temp dir), scoped to this test run by a label. */
export async function testReconciler(db: Db) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-rec-'));
  const run = randomUUID().slice(0, 8);
  const installation = newInstallationId();
  const drivers = createDriverFactory({ dataDir, installation, extraLabels: { 'gantry.test-run': run } });
  const driverFor = (plane: Parameters<typeof drivers.driverFor>[0]) => drivers.driverFor(plane);
  registerDrivers(driverFor);
  const reconciler = await startReconciler({ db, singleProcess: true, driverFor, pollMs: 100, retry: { attempts: 3, baseMs: 50 } });
  return {
    reconciler,
    driverFor,
    run,
    installation,
    async stop() {
      await reconciler.stop();
      await drivers.stop();
      removeLabelled(`gantry.test-run=${run}`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Containers, then networks (one per organisation), carrying the label: each test run makes its own. */
export function removeLabelled(label: string) {
  const list = (args: string[]) => execFileSync('podman', args, { env: podmanEnv() }).toString().split('\n').filter(Boolean);
  try {
    const ids = list(['ps', '-aq', '--filter', `label=${label}`]);
    if (ids.length) execFileSync('podman', ['rm', '-f', '-t', '0', ...ids], { env: podmanEnv() });
    const nets = list(['network', 'ls', '-q', '--filter', `label=${label}`]);
    if (nets.length) execFileSync('podman', ['network', 'rm', '-f', ...nets], { env: podmanEnv() });
  } catch {
    /* nothing left, or the engine is gone: nothing to clean */
  }
}

/** Polls the database until the deployment reaches a final status. */
export async function settled(db: Db, id: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.select().from(deployment).where(eq(deployment.id, id));
    if (isTerminal(row.status)) return row;
    if (Date.now() > until) throw new Error(`Deployment ${id} still ${row.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
