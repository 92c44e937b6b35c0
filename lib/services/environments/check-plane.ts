import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { dataPlane, type DataPlaneHealthDetails } from '@/db/schema';
import { keyRing } from '@/lib/crypto';
import { planeSecretLabel, type PlaneRow } from '@/lib/dataplane/drivers';
import { probeCluster } from '@/lib/dataplane/kubernetes/probe';
import { driverForPlane } from '@/lib/dataplane/runtime';
import { logger } from '@/lib/logger';
import { egressPolicy } from '@/lib/net/egress';

export interface PlaneCheck {
  ok: boolean;
  message: string;
  checkedAt: Date;
  details: DataPlaneHealthDetails;
}

/**
 * Asks a data plane whether it works: the docker engine answers a ping; a Kubernetes cluster
 * its version and (with `permissions`) what the credentials may create. Never throws: a
 * plane that cannot be asked is a plane that is not ok.
 */
export async function checkPlane(plane: PlaneRow, opts: { permissions?: boolean } = {}): Promise<PlaneCheck> {
  const checkedAt = new Date();
  try {
    if (plane.driver === 'kubernetes') {
      if (!plane.secretCiphertext) return { ok: false, message: `The data plane "${plane.name}" has no kubeconfig.`, checkedAt, details: {} };
      const kubeconfig = keyRing().decrypt(plane.secretCiphertext, planeSecretLabel(plane.id));
      const probe = await probeCluster(kubeconfig, { egress: egressPolicy(), permissions: opts.permissions });
      return { ok: probe.ok, message: probe.message, checkedAt, details: { version: probe.version, permissions: probe.permissions } };
    }
    const result = await (await driverForPlane(plane)).ping();
    // Every member reads this: the engine's socket path (inside the data directory) stays out of it.
    return { ok: result.ok, message: result.message.replace(/ on \/\S+/, ''), checkedAt, details: {} };
  } catch (e) {
    logger.warn({ plane: plane.id, err: { name: (e as Error).name, message: (e as Error).message } }, 'data plane check failed');
    return { ok: false, message: `The data plane "${plane.name}" could not be checked.`, checkedAt, details: {} };
  }
}

/** Records a check on the plane; a periodic check without permissions keeps the last ones it learnt. */
export async function saveCheck(db: Tx, planeId: string, check: PlaneCheck, previous?: DataPlaneHealthDetails | null) {
  const details = { ...(check.details.permissions ? {} : { permissions: previous?.permissions }), ...check.details };
  await db
    .update(dataPlane)
    .set({ healthOk: check.ok, healthMessage: check.message, healthCheckedAt: check.checkedAt, healthDetails: details })
    .where(eq(dataPlane.id, planeId));
}
