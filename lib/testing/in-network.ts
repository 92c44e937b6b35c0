/**
 * Reaching a workload's in-network address (http://<component>.<project>:8080) from a test on
 * the host: Project and Organization endpoints are not published on the host, but the host
 * reaches the container's address on its bridge (rootful Podman), which is what tests use to
 * check what a container serves.
 */
import { pollUntil } from '@/lib/util/poll';
import { podman } from './images';

/**
 * The address of the running container carrying all `labels` (e.g. gantry.release), on its first
 * network. Asked again for a few seconds while no such container has an address yet (a restart, an
 * engine answering before its network settings are filled in); a container that stays without one
 * fails with its state and last log lines, so the failure says why.
 */
export async function containerAddress(labels: Record<string, string>): Promise<string> {
  const filters = Object.entries(labels).flatMap(([k, v]) => ['--filter', `label=${k}=${v}`]);
  let last = 'no running container has them';
  const ip = await pollUntil(
    `an address for the container labelled ${JSON.stringify(labels)}`,
    async () => {
      const ids = (await podman(['ps', '-q', ...filters])).stdout.trim().split('\n').filter(Boolean);
      if (!ids.length) return undefined;
      const ips = (await podman(['inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}', ids[0]])).stdout.trim().split(/\s+/).filter(Boolean);
      if (ips.length) return ips[0];
      const state = (await podman(['inspect', '-f', '{{.State.Status}} exit={{.State.ExitCode}} restarts={{.RestartCount}}', ids[0]])).stdout.trim();
      const logs = (await podman(['logs', '--tail', '5', ids[0]]).catch(() => ({ stdout: '' }))).stdout.trim();
      last = `${ids.length} running, the first (${ids[0].slice(0, 12)}) ${state}, no address; last log lines: ${logs || '(none)'}`;
      return undefined;
    },
    { timeoutMs: 15_000, intervalMs: 100, maxIntervalMs: 1_000 },
  ).catch((e: Error) => {
    throw new Error(`${e.message}: ${last}`);
  });
  return ip;
}

/** GET `url` + `path`: straight when published on the host, else at the container's address (found by `labels`). */
export async function fetchServed(url: string, path: string, labels: Record<string, string>): Promise<Response> {
  const u = new URL(url);
  if (u.hostname !== '127.0.0.1') u.hostname = await containerAddress(labels);
  return fetch(`${u.origin}${path}`);
}
