/**
 * Test helpers that run a REAL CNCF distribution registry (`docker-registry`,
 * Debian package, distribution 2.8) on 127.0.0.1, in three flavours:
 *
 * - anonymous: no auth at all;
 * - basic: htpasswd (bcrypt, made with `htpasswd -Bbn`), Basic challenge;
 * - token: Bearer challenge (Docker Hub style) pointing at a small RS256 token
 *   issuer this module runs on 127.0.0.1. The issuer checks Basic credentials,
 *   counts requests, and can be told to refuse or to grant no scopes.
 *
 * Everything listens on loopback only, lives in a temp dir removed by stop(),
 * and is killed by stop() (and, as a last resort, when the process exits).
 * Readiness is awaited by polling, never by fixed sleeps.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID, createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { freePort } from '@/lib/util/net';
import { pollUntil } from '@/lib/util/poll';

const execFileAsync = promisify(execFile);

export type RegistryAuth = 'anonymous' | 'basic' | 'token';
export type TokenPolicy = 'grant' | 'refuse' | 'no-scopes';

export interface TestRegistry {
  /** "127.0.0.1:PORT" */
  host: string;
  /** "http://127.0.0.1:PORT" */
  url: string;
  auth: RegistryAuth;
  username?: string;
  password?: string;
  /** Number of requests the token issuer received (0 unless auth = "token"). */
  tokenRequests(): number;
  /** Token issuer behaviour (auth = "token" only). */
  setTokenPolicy(p: TokenPolicy): void;
  /** Token issuer URL, e.g. "http://127.0.0.1:PORT/token" (auth = "token" only). */
  tokenRealm?: string;
  /** `service` the registry expects in tokens (auth = "token" only). */
  tokenService?: string;
  /** Requests the blob storage server received (only with `redirectBlobs`). */
  storageRequests(): StorageRequest[];
  /** Registry process id (for leak checks). */
  pid: number;
  /** Temp directory holding config and storage. */
  dir: string;
  stop(): Promise<void>;
}

export interface StartRegistryOptions {
  auth: RegistryAuth;
  username?: string;
  password?: string;
  /** Seconds a token is valid for (default 300). */
  tokenExpiresIn?: number;
  /**
   * Serve blobs through a redirect (distribution's `redirect` storage
   * middleware) to a separate static file server on another 127.0.0.1 port,
   * like a registry backed by S3/CDN storage. See `storageRequests()`.
   */
  redirectBlobs?: boolean;
}

export interface StorageRequest {
  method: string;
  path: string;
  /** Whether the request carried an Authorization header (it never should). */
  hadAuthorization: boolean;
}

const REGISTRY_BIN = process.env.GANTRY_TEST_REGISTRY_BIN ?? 'docker-registry';
const READY_TIMEOUT_MS = 20_000;

// ---------------------------------------------------------------------------
// Process bookkeeping: kill anything still running when the process exits.

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess) {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of liveChildren) {
        try {
          c.kill('SIGKILL');
        } catch {
          /* already gone */
        }
      }
    });
  }
}

// ---------------------------------------------------------------------------
// Small utilities

export { freePort };

/** Polls `check` until it returns true, the deadline passes, or `abort` says why not (see pollUntil). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  opts: { timeoutMs?: number; intervalMs?: number; abort?: () => string | null } = {},
): Promise<void> {
  await pollUntil(what, check, { ...opts, timeoutMs: opts.timeoutMs ?? READY_TIMEOUT_MS });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

async function htpasswdLine(username: string, password: string): Promise<string> {
  // bcrypt is the only hash distribution accepts.
  const { stdout } = await execFileAsync('htpasswd', ['-Bbn', username, password]);
  return stdout.trim() + '\n';
}

// ---------------------------------------------------------------------------
// Token issuer

interface TokenIssuer {
  realm: string;
  service: string;
  issuer: string;
  certPath: string;
  requests(): number;
  setPolicy(p: TokenPolicy): void;
  close(): Promise<void>;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

/** Parses `scope` values like "repository:team/app:pull,push" (several, space separated). */
function parseScopes(values: string[]): Access[] {
  const out: Access[] = [];
  for (const v of values) {
    for (const scope of v.split(' ').filter(Boolean)) {
      const first = scope.indexOf(':');
      const last = scope.lastIndexOf(':');
      if (first < 0 || last === first) continue;
      out.push({
        type: scope.slice(0, first),
        name: scope.slice(first + 1, last),
        actions: scope.slice(last + 1).split(',').filter(Boolean),
      });
    }
  }
  return out;
}

async function startTokenIssuer(dir: string, opts: StartRegistryOptions): Promise<TokenIssuer> {
  const keyPath = path.join(dir, 'token.key');
  const certPath = path.join(dir, 'token.crt');
  // Self-signed certificate: the registry trusts it via rootcertbundle, and we
  // send it in the JWT's x5c header (distribution 2.8 requires x5c or kid).
  await execFileAsync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
    '-subj', '/CN=gantry-test-token-issuer',
    '-keyout', keyPath, '-out', certPath,
  ]);
  const privateKey = createPrivateKey(await readFile(keyPath));
  const certDer = new X509Certificate(await readFile(certPath)).raw.toString('base64');

  const service = 'gantry-test-registry';
  const issuer = 'gantry-test-issuer';
  const expiresIn = opts.tokenExpiresIn ?? 300;
  let policy: TokenPolicy = 'grant';
  let count = 0;

  const server = http.createServer(async (req, res) => {
    count++;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/token' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        return send(404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] });
      }
      const unauthorized = (message: string) =>
        send(401, { errors: [{ code: 'UNAUTHORIZED', message }] }, {
          'WWW-Authenticate': 'Basic realm="gantry-test-token-issuer"',
        });
      if (policy === 'refuse') return unauthorized('token issuance refused');

      // Credentials: none (anonymous) or Basic matching the configured user.
      let subject = '';
      const authz = req.headers.authorization;
      if (authz) {
        const m = /^Basic\s+(.+)$/i.exec(authz);
        if (!m) return unauthorized('unsupported authorization');
        const decoded = Buffer.from(m[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const user = colon >= 0 ? decoded.slice(0, colon) : decoded;
        const pass = colon >= 0 ? decoded.slice(colon + 1) : '';
        if (user !== opts.username || pass !== opts.password) return unauthorized('invalid username or password');
        subject = user;
      }

      if (url.searchParams.get('service') !== service) {
        return send(400, { errors: [{ code: 'INVALID_SERVICE', message: 'unknown service' }] });
      }
      // Anonymous callers get a token without access (like Docker Hub for a
      // private repository); authenticated callers get what they asked for,
      // unless the policy says otherwise.
      const access = subject && policy === 'grant' ? parseScopes(url.searchParams.getAll('scope')) : [];

      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ access })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5c: [certDer] })
        .setIssuer(issuer)
        .setSubject(subject)
        .setAudience(service)
        .setIssuedAt(now)
        .setNotBefore(now - 10)
        .setExpirationTime(now + expiresIn)
        .setJti(randomUUID())
        .sign(privateKey);
      send(200, {
        token,
        access_token: token,
        expires_in: expiresIn,
        issued_at: new Date(now * 1000).toISOString(),
      });
    } catch (e) {
      send(500, { errors: [{ code: 'UNKNOWN', message: String(e) }] });
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certPath,
    requests: () => count,
    setPolicy: (p) => {
      policy = p;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------
// Registry

/** Static file server over the registry's storage directory (GET/HEAD only). */
async function startStorageServer(root: string): Promise<{ baseUrl: string; requests: StorageRequest[]; close(): Promise<void> }> {
  const requests: StorageRequest[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^\/+/, '');
    requests.push({ method: req.method ?? '', path: url.pathname, hadAuthorization: req.headers.authorization !== undefined });
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const data = await readFile(file);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(data.length) });
      res.end(req.method === 'HEAD' ? undefined : data);
    } catch {
      res.writeHead(404).end();
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function registryConfig(port: number, dir: string, auth: string, redirectBaseUrl?: string): string {
  // JSON is valid YAML; no YAML library needed.
  return JSON.stringify(
    {
      version: 0.1,
      log: { level: 'error', accesslog: { disabled: true } },
      storage: {
        filesystem: { rootdirectory: path.join(dir, 'data') },
        delete: { enabled: true },
        maintenance: { uploadpurging: { enabled: false } },
      },
      http: {
        addr: `127.0.0.1:${port}`,
        secret: randomBytes(16).toString('hex'),
        headers: { 'X-Content-Type-Options': ['nosniff'] },
      },
      ...(auth ? JSON.parse(auth) : {}),
      ...(redirectBaseUrl ? { middleware: { storage: [{ name: 'redirect', options: { baseurl: redirectBaseUrl } }] } } : {}),
    },
    null,
    2,
  );
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function spawnRegistry(dir: string, authSection: string, redirectBaseUrl?: string): Promise<{ child: ChildProcess; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const configPath = path.join(dir, 'config.yml');
    await writeFile(configPath, registryConfig(port, dir, authSection, redirectBaseUrl));
    const child = spawn(REGISTRY_BIN, ['serve', configPath], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      // Minimal environment: no REGISTRY_* variables from the caller leak in.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir } as unknown as NodeJS.ProcessEnv,
    });
    track(child);
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      if (stderr.length < 8000) stderr += d;
    });
    let spawnError = null as Error | null;
    child.once('error', (e) => {
      spawnError = e;
    });
    try {
      await waitFor(
        `registry on 127.0.0.1:${port}`,
        async () => {
          const status = await httpStatus(`http://127.0.0.1:${port}/v2/`);
          return status === 200 || status === 401;
        },
        {
          abort: () => {
            if (spawnError) return `could not start ${REGISTRY_BIN}: ${spawnError.message}`;
            if (child.exitCode !== null || child.signalCode !== null) {
              return `${REGISTRY_BIN} exited (${child.exitCode ?? child.signalCode}): ${stderr.trim().slice(-2000)}`;
            }
            return null;
          },
        },
      );
      return { child, port };
    } catch (e) {
      lastError = e;
      await killAndWait(child);
      if (!/address already in use/i.test(stderr)) throw e;
    }
  }
  throw lastError;
}

/** Starts a real distribution registry on 127.0.0.1 on a free port. */
export async function startRegistry(opts: StartRegistryOptions): Promise<TestRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `gantry-registry-${opts.auth}-`));
  let issuer: TokenIssuer | undefined;
  let storage: Awaited<ReturnType<typeof startStorageServer>> | undefined;
  try {
    let authSection = '';
    if (opts.auth !== 'anonymous') {
      if (!opts.username || !opts.password) {
        throw new Error(`startRegistry: auth "${opts.auth}" needs username and password`);
      }
    }
    if (opts.auth === 'basic') {
      const htpasswdPath = path.join(dir, 'htpasswd');
      await writeFile(htpasswdPath, await htpasswdLine(opts.username!, opts.password!));
      authSection = JSON.stringify({ auth: { htpasswd: { realm: 'gantry-test-registry', path: htpasswdPath } } });
    } else if (opts.auth === 'token') {
      issuer = await startTokenIssuer(dir, opts);
      authSection = JSON.stringify({
        auth: {
          token: {
            realm: issuer.realm,
            service: issuer.service,
            issuer: issuer.issuer,
            rootcertbundle: issuer.certPath,
          },
        },
      });
    }

    if (opts.redirectBlobs) storage = await startStorageServer(path.join(dir, 'data'));
    const { child, port } = await spawnRegistry(dir, authSection, storage?.baseUrl);
    const storageServer = storage;
    const host = `127.0.0.1:${port}`;
    let stopped: Promise<void> | undefined;
    const tokenIssuer = issuer;
    return {
      host,
      url: `http://${host}`,
      auth: opts.auth,
      username: opts.username,
      password: opts.password,
      tokenRealm: tokenIssuer?.realm,
      tokenService: tokenIssuer?.service,
      pid: child.pid ?? -1,
      dir,
      tokenRequests: () => tokenIssuer?.requests() ?? 0,
      storageRequests: () => [...(storageServer?.requests ?? [])],
      setTokenPolicy: (p) => {
        if (!tokenIssuer) throw new Error('setTokenPolicy: this registry does not use token auth');
        tokenIssuer.setPolicy(p);
      },
      stop: () => {
        stopped ??= (async () => {
          await killAndWait(child);
          await tokenIssuer?.close();
          await storageServer?.close();
          await rm(dir, { recursive: true, force: true });
        })();
        return stopped;
      },
    };
  } catch (e) {
    await issuer?.close();
    await storage?.close();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** sha256 digest string of some bytes ("sha256:<hex>"). */
export function sha256Digest(data: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
