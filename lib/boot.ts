import { closeDatabase, database } from '@/db';
import { config } from '@/lib/config';
import { createDriverFactory } from '@/lib/dataplane/drivers';
import { registerDrivers } from '@/lib/dataplane/runtime';
import { logger } from '@/lib/logger';
import type { Engine } from '@/lib/jobs/engine';
import { startJobs } from '@/lib/jobs/start';

const g = globalThis as unknown as { __gantryBooted?: Promise<void> };

/**
 * Start-up inside the Next.js server: validate configuration, open and migrate the
 * database, start the job engine (deployments, task executions, schedules), and on SIGINT/SIGTERM stop claiming work and close the
 * database cleanly (an unclean PGlite stop forces a crash recovery on the next start).
 * scripts/start.mjs sets NEXT_MANUAL_SIG_HANDLE so these handlers decide when to exit.
 */
export function boot() {
  g.__gantryBooted ??= start();
  return g.__gantryBooted;
}

async function start() {
  const c = config();
  const db = await database();
  const drivers = createDriverFactory({ dataDir: c.dataDir, dockerHost: process.env.GANTRY_DOCKER_HOST });
  registerDrivers((plane) => drivers.driverFor(plane));
  const engine: Engine = await startJobs({
    db: db.db,
    singleProcess: db.kind === 'pglite',
    driverFor: async (plane, hints) => {
      if (hints.insecureRegistry) {
        const { allowInsecureRegistry } = await import('@/lib/dataplane/engine/podman-service');
        await allowInsecureRegistry(hints.insecureRegistry);
      }
      return drivers.driverFor(plane);
    },
  });
  logger.info({ baseUrl: c.baseUrl, database: db.kind, dataDir: db.kind === 'pglite' ? c.dataDir : undefined }, 'gantry started');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const grace = new Promise((r) => setTimeout(r, 5000).unref());
    Promise.race([engine.stop(), grace])
      .then(() => drivers.stop())
      .then(() => closeDatabase())
      .catch((err) => logger.error({ err: { message: (err as Error).message } }, 'clean shutdown failed'))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
}
