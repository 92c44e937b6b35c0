import { dataPlane } from '@/db/schema';
import type { Db } from '@/db/client';
import { logger } from '@/lib/logger';
import { checkPlane, saveCheck } from '@/lib/services/environments/check-plane';

/**
 * Every data plane's health, checked in the background so the console and `GET /api/v1/health`
 * read the last answer instead of calling out on each request (an anonymous health probe must
 * not make the control plane connect anywhere). A Kubernetes plane is asked its version only;
 * Test connection also asks what the credentials may do.
 */
export async function checkPlanes(db: Db) {
  const planes = await db
    .select({ id: dataPlane.id, name: dataPlane.name, driver: dataPlane.driver, settings: dataPlane.settings, secretCiphertext: dataPlane.secretCiphertext, healthOk: dataPlane.healthOk, healthDetails: dataPlane.healthDetails })
    .from(dataPlane);
  for (const plane of planes) {
    const check = await checkPlane(plane, { permissions: false });
    // A permission problem found by Test connection stays said until the next Test connection.
    const keepDenied = check.ok && plane.healthDetails?.permissions?.some((p) => !p.allowed);
    if (keepDenied) continue;
    if (check.ok !== plane.healthOk) logger.info({ plane: plane.id, name: plane.name, ok: check.ok }, 'data plane health changed');
    await saveCheck(db, plane.id, check, plane.healthDetails);
  }
}

export function startPlaneHealthWatch(opts: { db: Db; intervalMs?: number }) {
  let current: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || current) return; // one pass at a time
    current = checkPlanes(opts.db)
      .catch((e) => logger.error({ err: { message: (e as Error).message } }, 'data plane health check failed'))
      .finally(() => (current = null));
  };
  const first = setTimeout(tick, 2_000);
  const timer = setInterval(tick, opts.intervalMs ?? 60_000);
  first.unref?.();
  timer.unref?.();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await current;
    },
  };
}
