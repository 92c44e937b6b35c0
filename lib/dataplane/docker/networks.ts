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
 */
import type Docker from 'dockerode';
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

function createPodmanNetwork(docker: Docker, req: NetworkRequest): Promise<void> {
  return new Promise((resolve, reject) =>
    docker.modem.dial(
      {
        path: '/v4.0.0/libpod/networks/create?',
        method: 'POST',
        options: { name: req.name, driver: 'bridge', labels: req.labels, options: { isolate: 'true' }, dns_enabled: true },
        statusCodes: { 200: true, 201: true, 400: 'bad parameter', 409: 'conflict', 500: 'server error' },
      },
      (err: unknown) => (err ? reject(err) : resolve()),
    ),
  );
}

/** Makes sure the network exists and is ours (its labels match); safe to call concurrently from several processes. */
export async function ensureNetwork(docker: Docker, req: NetworkRequest): Promise<void> {
  let labels = await inspectLabels(docker, req.name);
  if (!labels) {
    try {
      if (req.podman) await createPodmanNetwork(docker, req);
      else await docker.createNetwork({ Name: req.name, Driver: 'bridge', Labels: req.labels, CheckDuplicate: true });
      return;
    } catch (e) {
      if (statusOf(e) !== 409) throw e; // created meanwhile by another rollout: check it below
    }
    labels = await inspectLabels(docker, req.name);
  }
  const foreign = !labels || Object.entries(req.labels).some(([k, v]) => labels[k] !== v);
  if (foreign) throw new Error(`A network named ${req.name} exists but was not created by this Gantry installation; remove it and retry.`);
}

/**
 * Removes the network when no container is attached any more (also stopped ones count);
 * one that is gone, still in use, or not ours is left alone. Returns whether it was removed.
 */
export async function removeNetworkIfUnused(docker: Docker, name: string, labels: Record<string, string>): Promise<boolean> {
  let info: { Labels?: Record<string, string> | null; Containers?: Record<string, unknown> | null };
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
    return true;
  } catch (e) {
    // Joined meanwhile by a rollout (in use: 409 on Docker, 500 on Podman) or removed by another cleanup.
    if (isNotFound(e) || statusOf(e) === 409 || statusOf(e) === 500) return false;
    throw e;
  }
}
