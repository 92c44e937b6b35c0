/**
 * One bridge network per organisation (per installation), created on first
 * use, instead of the engine's shared default bridge: containers of one
 * organisation can reach each other, not those of another.
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
        options: { name: req.name, driver: 'bridge', labels: req.labels, options: { isolate: 'true' } },
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
