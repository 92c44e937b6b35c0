/**
 * The "raw floor" the Docker driver's deploy time is compared with: how long
 * `podman run -d` of the same image takes until its published port answers
 * with a first HTTP byte, with nothing of Gantry in between.
 *
 * To make the floor as low as the engine allows, the host port is chosen
 * before the clock starts (`-p 127.0.0.1:<free port>:8080`, equivalent to
 * `127.0.0.1::8080` minus a `podman port` round trip), and the port is polled
 * while `podman run` is still running.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { freePort } from '@/lib/util/net';
import { containersConfPath, findPodman } from './podman-service';

export interface RawFloorOptions {
  /** Port the image listens on; default 8080. */
  containerPort?: number;
  /** Give up after this long; default 30 s. */
  timeoutMs?: number;
  /** Pass --tls-verify=false (needed when the image must be pulled from a plain-HTTP registry). */
  tlsVerify?: boolean;
  /** registries.conf for the CLI (CONTAINERS_REGISTRIES_CONF), e.g. the engine's <dataDir>/registries.conf. */
  registriesConf?: string;
  /** Extra labels on the measured container (it is always removed afterwards). */
  labels?: Record<string, string>;
}

export interface RawFloorResult {
  /** From starting `podman run -d` to the first byte of an HTTP response. */
  firstByteMs: number;
  /** From starting `podman run -d` until the command returned. */
  runReturnedMs: number;
  hostPort: number;
}

/** Resolves true when a GET on 127.0.0.1:port answers with at least one byte. */
export function firstByte(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write('GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n'));
    socket.once('data', () => done(true));
    socket.once('error', () => done(false));
    socket.once('end', () => done(false));
  });
}

/** Polls `firstByte` every `intervalMs` until it answers; returns the time it took, or throws after `timeoutMs`. */
export async function timeToFirstByte(port: number, opts: { timeoutMs?: number; intervalMs?: number; since?: number } = {}): Promise<number> {
  const since = opts.since ?? performance.now();
  const deadline = since + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (await firstByte(port, 1000)) return performance.now() - since;
    if (performance.now() > deadline) throw new Error(`Nothing answered HTTP on 127.0.0.1:${port} within ${opts.timeoutMs ?? 30_000} ms`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 5));
  }
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { env, timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(`podman ${args[0]} failed: ${String(stderr).trim() || err.message}`));
      else resolve(String(stdout));
    });
  });
}

/** Runs `image` with the podman CLI and measures until the first HTTP byte; removes the container afterwards. */
export async function measureRawFloor(image: string, opts: RawFloorOptions = {}): Promise<RawFloorResult> {
  const bin = findPodman();
  if (!bin) throw new Error('podman is not installed: install podman (apt-get install -y podman runc).');
  const env: NodeJS.ProcessEnv = { ...process.env, CONTAINERS_CONF: process.env.CONTAINERS_CONF ?? containersConfPath() };
  if (opts.registriesConf) env.CONTAINERS_REGISTRIES_CONF = opts.registriesConf;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const hostPort = await freePort();
  const name = `gantry-raw-floor-${randomBytes(4).toString('hex')}`;
  const args = ['run', '-d', '--name', name, '--label', 'gantry.raw-floor=true', '-p', `127.0.0.1:${hostPort}:${opts.containerPort ?? 8080}`];
  for (const [k, v] of Object.entries(opts.labels ?? {})) args.push('--label', `${k}=${v}`);
  if (opts.tlsVerify === false) args.push('--tls-verify=false');
  args.push(image);

  const t0 = performance.now();
  let runReturnedMs = 0;
  let runError: unknown;
  const runDone = run(bin, args, env, timeoutMs).then(
    () => {
      runReturnedMs = performance.now() - t0;
    },
    (e) => {
      runError = e;
    },
  );
  try {
    const firstByteMs = await Promise.race([
      timeToFirstByte(hostPort, { since: t0, timeoutMs, intervalMs: 5 }),
      runDone.then(() => {
        if (runError) throw runError;
        return new Promise<number>(() => {}); // keep waiting for the port
      }),
    ]);
    await runDone;
    return { firstByteMs, runReturnedMs, hostPort };
  } finally {
    await runDone;
    await run(bin, ['rm', '-f', '-t', '0', name], env, 30_000).catch(() => {});
  }
}
