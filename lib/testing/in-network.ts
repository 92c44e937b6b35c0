/**
 * Reaching a workload's in-network address (http://<component>.<project>:8080) from a test on
 * the host: Project and Organization endpoints are not published on the host, but the host
 * reaches the container's address on its bridge (rootful Podman), which is what tests use to
 * check what a container serves.
 */
import { podman } from './images';

/** The address of the running container carrying all `labels` (e.g. gantry.release), on its first network. */
export async function containerAddress(labels: Record<string, string>): Promise<string> {
  const filters = Object.entries(labels).flatMap(([k, v]) => ['--filter', `label=${k}=${v}`]);
  const ids = (await podman(['ps', '-q', ...filters])).stdout.trim().split('\n').filter(Boolean);
  if (!ids.length) throw new Error(`No running container has the labels ${JSON.stringify(labels)}.`);
  const ips = (await podman(['inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}', ids[0]])).stdout.trim().split(/\s+/);
  return ips[0];
}

/** GET `url` + `path`: straight when published on the host, else at the container's address (found by `labels`). */
export async function fetchServed(url: string, path: string, labels: Record<string, string>): Promise<Response> {
  const u = new URL(url);
  if (u.hostname !== '127.0.0.1') u.hostname = await containerAddress(labels);
  return fetch(`${u.origin}${path}`);
}
