import type { Db } from '@/db/client';
import { logger } from '@/lib/logger';
import type { Gateway } from './caddy';
import { publicRoutes, type PendingActivation } from './public-routes';
import type { GatewayRoute, RouteTarget } from './routes';

/**
 * The gateway this process runs (started at boot, lib/boot.ts), or none (GANTRY_GATEWAY_LISTEN=off,
 * Caddy missing, tests without one). Route updates go one at a time and each reads the database
 * afresh, so concurrent rollouts can never apply an older route set after a newer one.
 *
 * Routes are never edited one by one: every update derives the whole set from the active
 * releases (public-routes.ts). So a redeploy without a Public endpoint drops its route, a
 * component that no longer has an active release has none, and a restarted Gantry (boot)
 * rebuilds exactly what is active.
 */
type Owner = Pick<RouteTarget, 'org' | 'project' | 'component'>;
interface GatewayState {
  gw?: Gateway;
  chain: Promise<void>;
  /** Components whose routes are held off: the count of removals in progress. */
  withdrawn: Map<string, number>;
  /** The last route set derived from the database. */
  inForce?: GatewayRoute[];
}
const g = globalThis as unknown as { __gantryGateway?: GatewayState };
const state: GatewayState = (g.__gantryGateway ??= { chain: Promise.resolve(), withdrawn: new Map() });
// A state made by an older copy of this module (dev hot reload) has no map yet.
state.withdrawn ??= new Map();

const ownerKey = (o: Owner) => JSON.stringify([o.org, o.project, o.component]);

export function registerGateway(gw: Gateway | undefined) {
  state.gw = gw;
  state.inForce = undefined;
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
      await setRoutes(gw, await publicRoutes(db, pending));
    } catch (e) {
      logger.warn({ err: { message: (e as Error).message } }, 'gateway routes not updated');
    }
  });
  state.chain = run;
  return run;
}

/**
 * Removes a component's public routes (every environment) from the gateway while `work` stops
 * what serves them (deleting the component), so the gateway sends nothing to a container on its
 * way out. They are dropped from the routes in force before `work` starts, and no sync — other
 * rollouts keep syncing — puts them back until `work` settles; then the routes are derived from
 * the database again: a component whose rows are gone stays unrouted, one still there (`work`
 * failed and rolled back) is routed again. Returns what `work` returns, or throws what it throws.
 * Call it outside a database transaction (on PGlite a sync queued meanwhile waits for the one
 * connection): refuse what you can before, then remove inside `work`.
 */
export async function removeComponentRoutes<T>(db: Db, owner: Owner, work: () => Promise<T>): Promise<T> {
  const key = ownerKey(owner);
  state.withdrawn.set(key, (state.withdrawn.get(key) ?? 0) + 1);
  try {
    await reapply();
    return await work();
  } finally {
    const left = (state.withdrawn.get(key) ?? 1) - 1;
    if (left > 0) state.withdrawn.set(key, left);
    else state.withdrawn.delete(key);
    await syncGateway(db);
  }
}

/** Re-applies the routes in force (less what is withdrawn) without reading the database. */
function reapply(): Promise<void> {
  const run = state.chain.then(async () => {
    const gw = state.gw;
    if (!gw) return;
    try {
      await setRoutes(gw, state.inForce ?? []); // none yet: Caddy serves none either
    } catch (e) {
      logger.warn({ err: { message: (e as Error).message } }, 'gateway routes not updated');
    }
  });
  state.chain = run;
  return run;
}

/** Every route change goes here: what is withdrawn stays out, and what is in force is remembered. */
async function setRoutes(gw: Gateway, routes: GatewayRoute[]) {
  const kept = state.withdrawn.size ? routes.filter((r) => !state.withdrawn.has(ownerKey(r))) : routes;
  await gw.setRoutes(kept);
  state.inForce = routes;
}
