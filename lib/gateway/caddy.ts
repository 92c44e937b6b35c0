/**
 * The gateway: Caddy (Debian's `caddy` 2.6) as a child process of Gantry, like the Podman
 * service (lib/dataplane/engine/podman-service.ts): started with a JSON config in our data
 * directory, awaited until its admin API answers, restarted with backoff when it dies,
 * stopped with us. Its admin API listens only on a unix socket of ours; routes change only
 * through it (POST /load: Caddy swaps the whole config gracefully, keeping the listener and
 * letting requests in flight finish), so a rollout's switch loses no request — given the kernel
 * moves connections queued on the listener Caddy replaces (listener-migration.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { logger } from '@/lib/logger';
import { stopLeftover } from '@/lib/util/process';
import { ensureListenerMigration } from './listener-migration';
import { caddyConfig, type GatewayRoute } from './routes';

export interface GatewayOptions {
  /** Holds caddy.json, the admin socket and Caddy's own data (certificates it will never need, locks). */
  dataDir: string;
  /** The loopback address the gateway serves on: "127.0.0.1:8088". */
  listen: string;
  caddyBin?: string;
  readyTimeoutMs?: number;
}

export interface Gateway {
  /** "http://127.0.0.1:8088": prefix of every public URL. */
  baseUrl: string;
  /** Replaces every route at once; resolves when Caddy serves the new configuration. */
  setRoutes(routes: GatewayRoute[]): Promise<void>;
  pid(): number | undefined;
  stop(): Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const dir = path.resolve(opts.dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Route changes reopen Caddy's listener: connections queued on the old one move over instead of being reset.
  await ensureListenerMigration();
  const adminSocket = path.join(dir, 'caddy-admin.sock');
  const configFile = path.join(dir, 'caddy.json');
  let routes: GatewayRoute[] = [];
  const render = () => JSON.stringify(caddyConfig({ adminSocket, listen: opts.listen, routes }));
  // A Caddy left by a Gantry that died without stopping it (kill -9) still holds the port and
  // serves the routes of then: stop it, so ours can listen and serve what is active now.
  const pidFile = path.join(dir, 'caddy.pid');
  const leftover = await stopLeftover(pidFile, (argv) => path.basename(argv[0] ?? '').startsWith('caddy') && argv.includes(configFile));
  if (leftover) logger.info({ pid: leftover }, 'stopped a gateway (caddy) left over by an earlier run');
  await rm(adminSocket, { force: true });
  await writeFile(configFile, render(), { mode: 0o600 });

  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  const launch = (): ChildProcess => {
    // XDG dirs inside ours: Caddy keeps its state there instead of in the user's home.
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_DATA_HOME: path.join(dir, 'caddy-data'), XDG_CONFIG_HOME: path.join(dir, 'caddy-config') } as Record<string, string> as NodeJS.ProcessEnv;
    const c: ChildProcess = spawn(opts.caddyBin ?? 'caddy', ['run', '--config', configFile], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    c.stderr?.setEncoding('utf8').on('data', (d: string) => (tail = (tail + d).slice(-2000)));
    c.on('exit', (code: number | null, signal: NodeJS.Signals | null) => {
      if (child === c) child = undefined;
      if (stopping) return;
      const delay = Math.min(100 * 2 ** restarts++, 5000);
      logger.warn({ code, signal, delay, stderr: tail.slice(-500) }, 'gateway (caddy) exited; restarting');
      // It restarts from caddy.json, which always holds the latest routes.
      setTimeout(() => {
        if (!stopping) {
          child = launch();
          void waitReady(adminSocket, 10_000).then((ok) => ok && (restarts = 0));
        }
      }, delay);
    });
    c.on('error', (e: Error) => logger.error({ err: e.message }, 'gateway (caddy) could not start'));
    if (c.pid) writeFileSync(pidFile, `${c.pid}\n`);
    return c;
  };
  child = launch();
  if (!(await waitReady(adminSocket, opts.readyTimeoutMs ?? 15_000))) {
    stopping = true;
    child?.kill('SIGKILL');
    throw new Error(`The gateway (caddy) did not answer on ${adminSocket}; is the caddy package installed?`);
  }

  return {
    baseUrl: `http://${opts.listen}`,
    async setRoutes(next) {
      routes = next;
      const body = render();
      await writeFile(configFile, body, { mode: 0o600 });
      const res = await admin(adminSocket, 'POST', '/load', body);
      if (res.status !== 200) throw new Error(`The gateway refused the routes (${res.status}): ${res.body.slice(0, 300)}`);
    },
    pid: () => child?.pid,
    async stop() {
      stopping = true;
      const c = child;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      await rm(pidFile, { force: true });
    },
  };
}

/** One call to Caddy's admin API on its unix socket. */
export function admin(socketPath: string, method: string, urlPath: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: urlPath, method, agent: false, timeout: 10_000, headers: { host: 'localhost', ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

async function waitReady(socketPath: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 10; Date.now() < deadline; wait = Math.min(wait * 1.5, 200)) {
    const ok = await admin(socketPath, 'GET', '/config/').then((r) => r.status === 200, () => false);
    if (ok) return true;
    await new Promise((r) => setTimeout(r, wait));
  }
  return false;
}
