/**
 * Health checking a freshly started container from the outside: a TCP connect
 * to (or an HTTP GET on) its published port on 127.0.0.1, polled at short,
 * growing intervals, while watching that the container has not exited.
 *
 * With rootful Podman the published port is a DNAT rule, so a connect is
 * refused until the process inside listens — a TCP connect is a real signal.
 */
import http from 'node:http';
import net from 'node:net';

export type Probe = (timeoutMs: number) => Promise<boolean>;

/**
 * TCP connect to 127.0.0.1:port. With `holdMs` > 0 the connection must also
 * stay open that long: a userland port proxy (Docker's docker-proxy, rootless
 * Podman's rootlessport) accepts at once and closes when the container does not
 * listen yet, so a bare connect would pass too early there.
 */
export function tcpProbe(port: number, holdMs = 0, host = '127.0.0.1'): Probe {
  return (timeoutMs) =>
    new Promise((resolve) => {
      const socket = net.connect({ port, host });
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const done = (ok: boolean) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(timeoutMs, () => done(false));
      socket.once('connect', () => {
        if (holdMs <= 0) return done(true);
        timer = setTimeout(() => done(true), holdMs);
      });
      socket.once('end', () => done(false));
      socket.once('close', () => done(false));
      socket.once('error', () => done(false));
    });
}

/** Healthy when GET `path` answers with a status below 500 (redirects and 4xx count: the server is up). */
export function httpProbe(port: number, path: string, host = '127.0.0.1'): Probe {
  return (timeoutMs) =>
    new Promise((resolve) => {
      const req = http.get({ host, port, path, agent: false, timeout: timeoutMs, headers: { 'User-Agent': 'gantry-health-check' } }, (res) => {
        res.resume();
        resolve((res.statusCode ?? 500) < 500);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve(false));
    });
}

export interface ExitInfo {
  exitCode: number | null;
  oomKilled: boolean;
  restarts: number;
}

export type HealthOutcome = { ok: true; elapsedMs: number } | { ok: false; reason: 'exited'; exit: ExitInfo } | { ok: false; reason: 'timeout' };

export interface WaitHealthyOptions {
  probe?: Probe;
  /** Returns exit details when the container is no longer running (or has restarted), else null. */
  exited: () => Promise<ExitInfo | null>;
  timeoutMs: number;
  /** First poll interval; grows ×1.3 up to `maxIntervalMs`. Defaults 25 / 250 ms. */
  intervalMs?: number;
  maxIntervalMs?: number;
}

/**
 * Polls until the probe succeeds (healthy), the container exits (fail fast),
 * or the deadline passes. Without a probe the container is healthy as soon as
 * it is seen running.
 */
export async function waitHealthy(opts: WaitHealthyOptions): Promise<HealthOutcome> {
  const start = Date.now();
  const deadline = start + opts.timeoutMs;
  let interval = opts.intervalMs ?? 25;
  const maxInterval = opts.maxIntervalMs ?? 250;
  for (;;) {
    const remaining = deadline - Date.now();
    if (opts.probe && (await opts.probe(Math.max(50, Math.min(1000, remaining))))) return { ok: true, elapsedMs: Date.now() - start };
    const exit = await opts.exited();
    if (exit) return { ok: false, reason: 'exited', exit };
    if (!opts.probe) return { ok: true, elapsedMs: Date.now() - start };
    if (Date.now() >= deadline) return { ok: false, reason: 'timeout' };
    await new Promise((r) => setTimeout(r, Math.min(interval, Math.max(0, deadline - Date.now()))));
    interval = Math.min(Math.round(interval * 1.3), maxInterval);
  }
}
