import path from 'node:path';
import { closeDatabase, database } from '@/db';
import { config } from '@/lib/config';
import { secureDataDir } from '@/lib/data-dir';
import { createDriverFactory } from '@/lib/dataplane/drivers';
import { installationId } from '@/lib/dataplane/installation';
import { registerDrivers } from '@/lib/dataplane/runtime';
import { logger } from '@/lib/logger';
import type { Engine } from '@/lib/jobs/engine';
import { startJobs } from '@/lib/jobs/start';
import { startDriftWatch } from '@/lib/reconciler/drift';
import { startPlaneHealthWatch } from '@/lib/reconciler/plane-health';
import type { DriverFor } from '@/lib/reconciler/run-deployment';
import { startGateway } from '@/lib/gateway/caddy';
import { registerGateway, syncGateway } from '@/lib/gateway/runtime';
import type { Db } from '@/db/client';

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
  // The data directory holds the embedded database, the secret key and the engine's socket.
  secureDataDir(c.dataDir);
  const db = await database();
  const installation = await installationId(db.db);
  const limits = { memoryMiB: c.GANTRY_CONTAINER_MEMORY_MIB, cpus: c.GANTRY_CONTAINER_CPUS, pids: c.GANTRY_CONTAINER_PIDS };
  const drivers = createDriverFactory({ dataDir: c.dataDir, installation, limits, dockerHost: process.env.GANTRY_DOCKER_HOST });
  registerDrivers((plane) => drivers.driverFor(plane));
  const driverFor: DriverFor = async (plane, hints) => {
    if (hints.insecureRegistry) {
      const { allowInsecureRegistry } = await import('@/lib/dataplane/engine/podman-service');
      await allowInsecureRegistry(hints.insecureRegistry);
    }
    return drivers.driverFor(plane);
  };
  const engine: Engine = await startJobs({ db: db.engineDb, singleProcess: db.kind === 'pglite', driverFor });
  // Notices when what runs no longer matches what the database says is active.
  const drift = startDriftWatch({ db: db.engineDb, driverFor });
  // Each data plane's health for the console and GET /api/v1/health.
  const planeHealth = startPlaneHealthWatch({ db: db.engineDb });
  // Not awaited: a gateway that cannot start (port taken, caddy missing) must not hold up the console.
  const gateway = startPublicGateway(c, db.db);
  logger.info({ baseUrl: c.baseUrl, gateway: c.gatewayUrl, installation, database: db.kind, dataDir: db.kind === 'pglite' ? c.dataDir : undefined }, 'gantry started');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const grace = new Promise((r) => setTimeout(r, 5000).unref());
    Promise.race([Promise.all([engine.stop(), drift.stop(), planeHealth.stop()]), grace])
      .then(() => gateway.then((gw) => gw?.stop()))
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

/**
 * The gateway for Public endpoints: Caddy as our supervised child (restarted with its routes
 * when it dies, like the Podman service), loaded with what is active now. Without it the
 * console still runs; public URLs then do not answer and the log says why.
 */
async function startPublicGateway(c: ReturnType<typeof config>, db: Db) {
  if (c.GANTRY_GATEWAY_LISTEN === 'off') return undefined;
  try {
    const gw = await startGateway({ dataDir: path.join(c.dataDir, 'gateway'), listen: c.GANTRY_GATEWAY_LISTEN });
    registerGateway(gw);
    await syncGateway(db);
    return gw;
  } catch (e) {
    logger.error({ err: { message: (e as Error).message }, listen: c.GANTRY_GATEWAY_LISTEN }, 'the gateway did not start: public endpoints are not served');
    return undefined;
  }
}
