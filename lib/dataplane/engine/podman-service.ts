/**
 * The container engine Gantry talks to: either a socket the operator names
 * (GANTRY_DOCKER_HOST: a Docker Engine or a Podman service they run), or
 * Podman's Docker-compatible API service started here, as a child process:
 *
 *   podman system service --time=0 unix://<dataDir>/podman.sock
 *
 * with CONTAINERS_CONF = the project's containers.conf (runtime settings this
 * kind of machine needs, see /work/shared/STACK.md) and
 * CONTAINERS_REGISTRIES_CONF = <dataDir>/registries.conf, written here.
 *
 * The service is awaited until /_ping answers, restarted with backoff when it
 * dies, and stopped when this process exits. Containers keep running when the
 * service stops: each is supervised by its own conmon, not by the service.
 *
 * Plain-HTTP registries: `allowInsecureRegistry(host)` appends an entry to the
 * registries.conf of every engine started here and sends the service SIGHUP —
 * podman 4.3 reads registries.conf once and caches it; it does NOT re-read it
 * per pull, but it does reload it on SIGHUP (asynchronously: we wait until
 * /libpod/info, which reads the same cache, lists the new entry). The Docker driver also passes `tlsVerify=false`
 * to Podman's own pull endpoint for such hosts (the compat endpoint ignores
 * that parameter on podman 4.3), so either mechanism alone is enough there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants as fsConstants, existsSync, readFileSync } from 'node:fs';
import { appendFile, chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setting } from '@/lib/config';
import { hostProblem } from '@/lib/registries/host';
import { hostnameOf } from '@/lib/registries/registry-host';
import { pollUntil } from '@/lib/util/poll';
import { isPidAlive, stopLeftover } from '@/lib/util/process';
import { ServiceError } from '@/lib/errors';
import { isLoopbackHost } from '@/lib/oci/client';
import { logger } from '@/lib/logger';
import { MAX_SOCKET_PATH, pingSocket, socketPathOf } from './engine-socket';
import { isolatingContainersConf } from './netavark-isolation';

export interface EnsureEngineOptions {
  /** Gantry's data directory: holds podman.sock, podman.pid and registries.conf. */
  dataDir: string;
  /** Connect to this engine instead of starting one ("unix:///run/podman/podman.sock", "/var/run/docker.sock"). Default: env GANTRY_DOCKER_HOST. */
  dockerHost?: string;
  /** How long to wait for the engine to answer /_ping; default 30 s. */
  readyTimeoutMs?: number;
}

export interface EngineHandle {
  /** Unix socket of the Docker-compatible API. */
  socketPath: string;
  /** True when this process started (and supervises) the engine. */
  managed: boolean;
  /** Process id of the managed `podman system service` right now (changes when it is restarted). */
  pid(): number | undefined;
  /** Stops the managed service (containers keep running); a no-op for an external engine. */
  stop(): Promise<void>;
}

const INSTALL_HINT = 'install podman (apt-get install -y podman runc) or set GANTRY_DOCKER_HOST to the socket of a running Docker Engine or Podman service';
const REGISTRIES_HEADER =
  '# Written by Gantry (lib/dataplane/engine/podman-service.ts): registries the engine it\n' +
  '# starts may reach over plain HTTP. Entries are appended on demand.\n';

// ---------------------------------------------------------------------------
// Insecure (plain-HTTP) registries

const insecureHosts = new Set<string>();

function checkHost(host: string): string {
  const h = host.trim();
  if (hostProblem(h)) {
    throw ServiceError.invalid(`"${h.slice(0, 100)}" is not a registry host (expected host or host:port, e.g. 127.0.0.1:5000).`);
  }
  return h;
}

/**
 * Whether pulls from `host` ("127.0.0.1:5000") may use plain HTTP / skip TLS
 * verification: loopback hosts always (as Docker Engine and Gantry's OCI client
 * do), other hosts once passed to `allowInsecureRegistry`.
 */
export function isInsecureRegistry(host: string): boolean {
  return isLoopbackHost(hostnameOf(host)) || insecureHosts.has(host.toLowerCase());
}

/**
 * Lets the engines started here pull from `host` over plain HTTP: appends
 * `[[registry]] location = "host" insecure = true` to their registries.conf
 * (once) and makes the running services reload it (SIGHUP).
 */
export async function allowInsecureRegistry(host: string): Promise<void> {
  const h = checkHost(host);
  insecureHosts.add(h.toLowerCase());
  for (const svc of services.values()) await svc.addInsecureRegistry(h);
}

/** Registries the service has loaded (lowercased locations), from GET /v4.0.0/libpod/info; [] on any error. */
function listedRegistries(socketPath: string): Promise<string[]> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/v4.0.0/libpod/info', agent: false, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        try {
          const info = JSON.parse(body) as { registries?: Record<string, unknown> };
          resolve(Object.keys(info.registries ?? {}).map((k) => k.toLowerCase()));
        } catch {
          resolve([]);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve([]));
  });
}

function registriesConfEntries(text: string): string[] {
  return [...text.matchAll(/^\s*location\s*=\s*"([^"]*)"/gm)].map((m) => m[1]);
}

// ---------------------------------------------------------------------------
// Locating files and programs

/** The project's containers.conf for the engine (GANTRY_CONTAINERS_CONF overrides). */
export function containersConfPath(): string {
  const candidates = [
    setting('GANTRY_CONTAINERS_CONF'),
    typeof __dirname === 'string' && __dirname.startsWith('/') ? path.join(__dirname, 'containers.conf') : undefined,
    path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'lib/dataplane/engine/containers.conf'),
  ].filter((c): c is string => !!c);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new ServiceError('unavailable', `The engine settings file containers.conf was not found (looked in ${candidates.join(', ')}); set GANTRY_CONTAINERS_CONF.`);
  return found;
}

/** Absolute path of the podman program, or null when it is not installed. */
export function findPodman(): string | null {
  const configured = setting('GANTRY_PODMAN_BIN');
  const candidates = configured?.includes('/')
    ? [configured]
    : (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter(Boolean).map((d) => path.join(d, configured || 'podman'));
  for (const c of candidates) {
    try {
      accessSync(c, fsConstants.X_OK);
      return c;
    } catch {
      /* next */
    }
  }
  return null;
}

/** <dataDir>/podman.sock, or a short path under the temp dir when that one is too long for a unix socket. */
function socketPathFor(dataDir: string): string {
  const preferred = path.join(dataDir, 'podman.sock');
  if (Buffer.byteLength(preferred) <= MAX_SOCKET_PATH) return preferred;
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `gantry-${hash}`, 'podman.sock');
}

/** Whether argv is `podman system service … unix://<our socket>`: the service we started. */
const isOurPodmanService = (socketPath: string) => (argv: string[]) =>
  path.basename(argv[0] ?? '').startsWith('podman') && argv.includes('service') && argv.includes(`unix://${socketPath}`);

/** Whether `check` came true within `timeoutMs` (lib/util pollUntil, answered instead of thrown). */
function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  return pollUntil('podman service', check, { timeoutMs, intervalMs: 10, maxIntervalMs: 200 }).then(
    () => true,
    () => false,
  );
}

/** Gantry's environment minus its own settings and anything that looks like a secret (the engine needs none of them). */
function engineEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(GANTRY_|DATABASE_URL$|TEST_DATABASE_URL$|BETTER_AUTH)|SECRET|PASSWORD|TOKEN|CREDENTIAL|PRIVATE|API_?KEY/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}

// ---------------------------------------------------------------------------
// The managed service

const services = new Map<string, ManagedPodmanService>();
const starting = new Map<string, Promise<EngineHandle>>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const svc of services.values()) svc.killNow();
  });
}

class ManagedPodmanService {
  private child?: ChildProcess;
  private stopping = false;
  private restartDelayMs = 250;
  private restartTimer?: NodeJS.Timeout;
  private stderrTail = '';
  private startedAt = 0;

  constructor(
    readonly socketPath: string,
    private readonly podmanBin: string,
    private readonly dataDir: string,
    private readonly registriesConf: string,
    private readonly containersConf: string,
    private readonly readyTimeoutMs: number,
  ) {}

  get pidFile() {
    return path.join(path.dirname(this.socketPath), 'podman.pid');
  }

  pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    await mkdir(path.dirname(this.socketPath), { recursive: true, mode: 0o700 });
    await this.writeRegistriesConf();
    await this.clearLeftovers();
    await this.spawnAndWait();
  }

  /** Creates registries.conf when missing and adds the hosts allowed so far; remembers hosts found in it. */
  private async writeRegistriesConf(): Promise<void> {
    let text = await readFile(this.registriesConf, 'utf8').catch(() => '');
    if (!text) {
      text = REGISTRIES_HEADER;
      await writeFile(this.registriesConf, text, { mode: 0o644 });
    }
    for (const h of registriesConfEntries(text)) if (!hostProblem(h)) insecureHosts.add(h.toLowerCase());
    for (const h of insecureHosts) await this.appendEntry(h, text);
  }

  private async appendEntry(host: string, current?: string): Promise<boolean> {
    const text = current ?? (await readFile(this.registriesConf, 'utf8').catch(() => ''));
    if (registriesConfEntries(text).some((e) => e.toLowerCase() === host.toLowerCase())) return false;
    await appendFile(this.registriesConf, `\n[[registry]]\nlocation = "${host}"\ninsecure = true\n`);
    return true;
  }

  async addInsecureRegistry(host: string): Promise<void> {
    if (!(await this.appendEntry(host))) return;
    // podman caches registries.conf; SIGHUP makes the service reload it. The
    // reload is asynchronous: wait until the service reports the entry (its
    // /libpod/info lists registries from the same cache pulls use).
    if (!this.child?.pid || this.child.exitCode !== null) return;
    this.child.kill('SIGHUP');
    const seen = await waitUntil(async () => (await listedRegistries(this.socketPath)).includes(host.toLowerCase()), 10_000);
    if (!seen) logger.warn({ host }, 'the podman service did not confirm reloading registries.conf');
  }

  /** A service left over by a previous Gantry process that died without stopping it, and a stale socket file. */
  private async clearLeftovers(): Promise<void> {
    const oldPid = await stopLeftover(this.pidFile, isOurPodmanService(this.socketPath));
    if (oldPid) logger.info({ pid: oldPid, socketPath: this.socketPath }, 'stopped a podman service left over by an earlier run');
    if (existsSync(this.socketPath)) {
      if (await pingSocket(this.socketPath, 500)) {
        throw new ServiceError(
          'unavailable',
          `Another process already serves the engine socket ${this.socketPath}. Stop it, use another data directory, or set GANTRY_DOCKER_HOST=unix://${this.socketPath} to use it.`,
        );
      }
      await rm(this.socketPath, { force: true });
    }
  }

  private async spawnAndWait(): Promise<void> {
    this.stderrTail = '';
    this.startedAt = 0; // until ready, an exit is handled by whoever awaits this start
    const child = spawn(this.podmanBin, ['system', 'service', '--time=0', `unix://${this.socketPath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...engineEnv(), CONTAINERS_CONF: this.containersConf, CONTAINERS_REGISTRIES_CONF: this.registriesConf } as unknown as NodeJS.ProcessEnv,
    });
    this.child = child;
    let spawnError: Error | undefined;
    child.once('error', (e) => {
      spawnError = e;
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      this.stderrTail = (this.stderrTail + d).slice(-4000);
    });
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    if (child.pid) await writeFile(this.pidFile, `${child.pid}\n`);

    const ready = await waitUntil(async () => {
      if (spawnError || child.exitCode !== null || child.signalCode !== null) return true;
      return pingSocket(this.socketPath, 1000);
    }, this.readyTimeoutMs);
    if (spawnError) throw new ServiceError('unavailable', `Could not start podman (${spawnError.message}): ${INSTALL_HINT}.`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new ServiceError('unavailable', `The podman API service exited at start (${child.exitCode ?? child.signalCode}): ${this.stderrTail.trim().slice(-1000) || 'no output'}`);
    }
    if (!ready) {
      child.kill('SIGKILL');
      throw new ServiceError('unavailable', `The podman API service did not answer on ${this.socketPath} within ${Math.round(this.readyTimeoutMs / 1000)} s.`);
    }
    this.startedAt = Date.now();
    await chmod(this.socketPath, 0o660).catch(() => {});
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null) {
    if (this.child !== child || this.stopping || this.startedAt === 0) return;
    // Died after it had been ready: restart with backoff (reset after a minute of good health).
    if (Date.now() - this.startedAt > 60_000) this.restartDelayMs = 250;
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(this.restartDelayMs * 2, 10_000);
    logger.warn({ code, signal, stderr: this.stderrTail.slice(-500), restartInMs: delay }, 'podman API service exited; restarting it');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopping) return;
      this.spawnAndWait().catch((e) => {
        logger.error({ err: e }, 'podman API service restart failed');
        this.scheduleRetry();
      });
    }, delay);
    this.restartTimer.unref();
  }

  private scheduleRetry() {
    if (this.stopping) return;
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(this.restartDelayMs * 2, 10_000);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.stopping) this.spawnAndWait().catch(() => this.scheduleRetry());
    }, delay);
    this.restartTimer.unref();
  }

  killNow() {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    try {
      this.child?.kill('SIGTERM');
    } catch {
      /* gone */
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(this.socketPath, { force: true });
    await rm(this.pidFile, { force: true });
  }
}

/**
 * Makes sure a Docker-compatible engine answers and returns its socket.
 * With `dockerHost` (or env GANTRY_DOCKER_HOST) it only connects; otherwise it
 * starts `podman system service` for `dataDir` (once per process and socket).
 */
export async function ensureEngine(opts: EnsureEngineOptions): Promise<EngineHandle> {
  const dockerHost = opts.dockerHost ?? setting('GANTRY_DOCKER_HOST');
  const readyTimeoutMs = opts.readyTimeoutMs ?? 30_000;
  if (dockerHost) {
    const socketPath = socketPathOf(dockerHost);
    if (!(await waitUntil(() => pingSocket(socketPath, 1000), Math.min(readyTimeoutMs, 5000)))) {
      throw new ServiceError('unavailable', `No container engine answers on ${socketPath} (GANTRY_DOCKER_HOST). Start the engine, or unset GANTRY_DOCKER_HOST to let Gantry start Podman itself.`);
    }
    return { socketPath, managed: false, pid: () => undefined, stop: async () => {} };
  }

  const dataDir = path.resolve(opts.dataDir);
  const socketPath = socketPathFor(dataDir);
  const existing = starting.get(socketPath);
  if (existing) return existing;

  const p = (async (): Promise<EngineHandle> => {
    const podmanBin = findPodman();
    if (!podmanBin) throw new ServiceError('unavailable', `Podman is not installed (no podman program on PATH): ${INSTALL_HINT}.`);
    // Our containers.conf, with netavark wrapped so network isolation survives teardowns (netavark-isolation.ts).
    const containersConf = await isolatingContainersConf(dataDir, containersConfPath());
    const svc = new ManagedPodmanService(socketPath, podmanBin, dataDir, path.join(dataDir, 'registries.conf'), containersConf, readyTimeoutMs);
    installExitHook();
    services.set(socketPath, svc);
    try {
      await svc.start();
    } catch (e) {
      services.delete(socketPath);
      await svc.stop().catch(() => {});
      throw e;
    }
    let stopped: Promise<void> | undefined;
    return {
      socketPath,
      managed: true,
      pid: () => svc.pid(),
      stop: () => {
        stopped ??= (async () => {
          services.delete(socketPath);
          starting.delete(socketPath);
          await svc.stop();
        })();
        return stopped;
      },
    };
  })();
  starting.set(socketPath, p);
  p.catch(() => starting.delete(socketPath));
  return p;
}
