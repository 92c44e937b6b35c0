/**
 * Bridge networks of the docker plane, created on first use instead of the
 * engine's shared default bridge: one per (project, environment) that every
 * container of the project joins, one per (organisation, environment) that
 * containers with an Organization or Public endpoint join besides (names.ts).
 * Containers on different networks cannot reach each other; on one network they
 * find each other by name through the engine's DNS (Podman: aardvark-dns, which
 * needs the netavark network backend — `podman info` shows which one runs).
 *
 * Docker Engine isolates user-defined bridge networks from each other by
 * itself. Podman 4.3 (netavark) routes between its bridges unless the network
 * is created with the `isolate` option, which only its own API takes (the
 * compat endpoint drops `Options`), so on Podman the libpod endpoint is used.
 * netavark 1.4 lifts that isolation for a while after any isolated network's
 * teardown, so Gantry also keeps rules of its own for every network it makes
 * (engine/isolation-chain.ts): added here before any container joins, removed
 * with the network, rebuilt from the engine's list at driver start.
 */
import type Docker from 'dockerode';
import { LABELS } from './names';
import { isolateNetwork, rebuildIsolation, releaseNetwork, type IsolatedNetwork } from '../engine/isolation-chain';
import { isNotFound, statusOf } from './engine-errors';

export interface NetworkRequest {
  name: string;
  labels: Record<string, string>;
  podman: boolean;
}

async function inspectLabels(docker: Docker, name: string): Promise<Record<string, string> | null> {
  try {
    const info = (await docker.getNetwork(name).inspect()) as { Labels?: Record<string, string> | null };
    return info.Labels ?? {};
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** A network as Podman's own API describes it (the compat one does not name the bridge). */
interface LibpodNetwork {
  id: string;
  name: string;
  network_interface?: string;
  labels?: Record<string, string> | null;
}

function libpod<T>(docker: Docker, method: 'GET' | 'POST', path: string, options: object): Promise<T> {
  return new Promise((resolve, reject) =>
    docker.modem.dial(
      // GET: options become the query; POST: the JSON body (a path without '?' keeps them out of the URL).
      { path: `/v4.0.0/libpod${path}${method === 'GET' ? '?' : ''}`, method, options, statusCodes: { 200: true, 201: true, 400: 'bad parameter', 404: 'no such network', 409: 'conflict', 500: 'server error' } },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as T)),
    ),
  );
}

const bridgeOf = (n: LibpodNetwork): IsolatedNetwork => ({ id: n.id, bridge: n.network_interface ?? '' });

async function podmanNetworkExists(docker: Docker, id: string): Promise<boolean> {
  return libpod(docker, 'GET', `/networks/${encodeURIComponent(id)}/json`, {}).then(
    () => true,
    (e) => (isNotFound(e) ? false : Promise.reject(e)),
  );
}

/** The Podman network, created when missing (isolated, with DNS), and kept apart by Gantry's own rules before anyone joins it. */
async function ensurePodmanNetwork(docker: Docker, req: NetworkRequest): Promise<Record<string, string>> {
  let net: LibpodNetwork;
  try {
    net = await libpod(docker, 'GET', `/networks/${encodeURIComponent(req.name)}/json`, {});
  } catch (e) {
    if (!isNotFound(e)) throw e;
    const options = { name: req.name, driver: 'bridge', labels: req.labels, options: { isolate: 'true' }, dns_enabled: true };
    net = await libpod<LibpodNetwork>(docker, 'POST', '/networks/create', options).catch((err) => {
      if (statusOf(err) !== 409) throw err; // created meanwhile by another rollout: take that one
      return libpod<LibpodNetwork>(docker, 'GET', `/networks/${encodeURIComponent(req.name)}/json`, {});
    });
  }
  const labels = net.labels ?? {};
  // A foreign network is not ours to isolate (nor to join): the caller refuses it.
  if (Object.entries(req.labels).every(([k, v]) => labels[k] === v)) await isolateNetwork(bridgeOf(net), () => podmanNetworkExists(docker, net.id));
  return labels;
}

/** Makes sure the network exists and is ours (its labels match); safe to call concurrently from several processes. */
export async function ensureNetwork(docker: Docker, req: NetworkRequest): Promise<void> {
  let labels: Record<string, string> | null;
  if (req.podman) labels = await ensurePodmanNetwork(docker, req);
  else {
    labels = await inspectLabels(docker, req.name);
    if (!labels) {
      try {
        await docker.createNetwork({ Name: req.name, Driver: 'bridge', Labels: req.labels, CheckDuplicate: true });
        return;
      } catch (e) {
        if (statusOf(e) !== 409) throw e; // created meanwhile by another rollout: check it below
      }
      labels = await inspectLabels(docker, req.name);
    }
  }
  const foreign = !labels || Object.entries(req.labels).some(([k, v]) => labels[k] !== v);
  if (foreign) throw new Error(`A network named ${req.name} exists but was not created by this Gantry installation; remove it and retry.`);
}

/**
 * Gantry's isolation rules made to match the engine's Gantry networks (of every installation:
 * the rules are the host's), at driver start: a crash may have left rules of networks now gone.
 */
export function rebuildPodmanIsolation(docker: Docker): Promise<void> {
  return rebuildIsolation(async () => {
    const list = await libpod<LibpodNetwork[]>(docker, 'GET', '/networks/json', { filters: { label: [`${LABELS.managed}=true`] } });
    return (list ?? []).map(bridgeOf).filter((n) => n.bridge);
  });
}

/**
 * Removes the network when no container is attached any more (also stopped ones count);
 * one that is gone, still in use, or not ours is left alone. Returns whether it was removed.
 */
export async function removeNetworkIfUnused(docker: Docker, name: string, labels: Record<string, string>): Promise<boolean> {
  let info: { Id: string; Labels?: Record<string, string> | null; Containers?: Record<string, unknown> | null };
  try {
    info = (await docker.getNetwork(name).inspect()) as typeof info;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
  if (Object.entries(labels).some(([k, v]) => info.Labels?.[k] !== v)) return false;
  if (Object.keys(info.Containers ?? {}).length) return false;
  try {
    await docker.getNetwork(name).remove();
  } catch (e) {
    // Joined meanwhile by a rollout (in use: 409 on Docker, 500 on Podman) or removed by another cleanup.
    if (isNotFound(e) || statusOf(e) === 409 || statusOf(e) === 500) return false;
    throw e;
  }
  // Its bridge name goes back to netavark's pool: rules left for it would isolate the next network
  // that gets it (a Docker Engine network has none; this finds nothing).
  await releaseNetwork(info.Id);
  return true;
}
