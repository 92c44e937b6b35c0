import type { Db } from '@/db/client';
import { logger } from '@/lib/logger';
import type { Gateway } from './caddy';
import { publicRoutes, type PendingActivation } from './public-routes';

/**
 * The gateway this process runs (started at boot, lib/boot.ts), or none (GANTRY_GATEWAY_LISTEN=off,
 * Caddy missing, tests without one). Route updates go one at a time and each reads the database
 * afresh, so concurrent rollouts can never apply an older route set after a newer one.
 */
const g = globalThis as unknown as { __gantryGateway?: { gw?: Gateway; chain: Promise<void> } };
const state = (g.__gantryGateway ??= { chain: Promise.resolve() });

export function registerGateway(gw: Gateway | undefined) {
  state.gw = gw;
}

export function currentGateway() {
  return state.gw;
}

/** Points the gateway at what is active now (plus a deployment about to be). Never throws: a rollout must not fail because of it. */
export function syncGateway(db: Db, pending?: PendingActivation): Promise<void> {
  const run = state.chain.then(async () => {
    const gw = state.gw;
    if (!gw) return;
    try {
      await gw.setRoutes(await publicRoutes(db, pending));
    } catch (e) {
      logger.warn({ err: { message: (e as Error).message } }, 'gateway routes not updated');
    }
  });
  state.chain = run;
  return run;
}
