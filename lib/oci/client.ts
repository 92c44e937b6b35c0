/**
 * A small client for the OCI distribution API (Docker Registry HTTP API v2),
 * built on the global `fetch`.
 *
 * - Auth: `GET /v2/` ping; Basic challenge → Basic header; Bearer challenge →
 *   token from the realm with `service` + `scope=repository:<name>:pull`
 *   (Basic credentials when we have them, anonymous otherwise). Tokens are
 *   cached per (realm, service, scope, username + credential fingerprint)
 *   until `expires_in` (default 60 s).
 * - Redirects are followed by hand; `Authorization` is only ever sent to the
 *   origin it was meant for.
 * - Plain HTTP only for loopback hosts (127.0.0.0/8, localhost, ::1) or when
 *   the caller passes `insecure: true`; https otherwise.
 * - Every connection goes through the egress policy (lib/net/egress), the token realm
 *   included; failures to connect all read "Could not reach the registry …".
 * - Every failure is a ServiceError whose message a person can act on. The
 *   client never logs, and never puts credentials or tokens in messages.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { ServiceError, type ErrorCode } from '@/lib/errors';
import { egressFetch, type EgressPolicy } from '@/lib/net/egress';
import {
  DOCKER_HUB_DOMAIN,
  digestProblem,
  hasExplicitDomain,
  normalizeDomain,
  parseImageReference,
  referenceGrammar,
  registryApiHost,
  tagProblem,
  type ImageReference,
} from './reference';
import { findChallenge, parseWwwAuthenticate, type Challenge } from './www-authenticate';

// ---------------------------------------------------------------------------
// Public types

export type Credentials = { username: string; password: string } | undefined;

export interface RegistryClientOptions {
  credentials?: Credentials;
  /** Allow plain HTTP to a non-loopback host. */
  insecure?: boolean;
  /** Time allowed until the response headers of one request arrive (connect + first byte). Default 10 s. */
  connectTimeoutMs?: number;
  /** Time allowed for one request including its body. Default 30 s. */
  timeoutMs?: number;
  /** Cancels everything the client is doing. */
  signal?: AbortSignal;
  userAgent?: string;
  /** Which address ranges may be reached; default: the operator's GANTRY_EGRESS_ALLOW (lib/net/egress). */
  egress?: EgressPolicy;
}

export type RegistryErrorReason =
  | 'credentials_rejected'
  | 'credentials_required'
  | 'no_pull_access'
  | 'repository_not_found'
  | 'manifest_not_found'
  | 'platform_not_found'
  | 'rate_limited'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'network'
  | 'not_a_registry'
  | 'registry_error'
  | 'token_service_error'
  | 'insecure_not_allowed'
  | 'invalid_response';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerList,
  MEDIA_TYPES.dockerManifest,
].join(', ');

export type AuthScheme = 'none' | 'basic' | 'bearer';

export interface PingResult {
  scheme: AuthScheme;
  /** Bearer realm / service, when the registry uses token auth. */
  realm?: string;
  service?: string;
}

export interface ResolvedManifest {
  /** Manifest digest ("sha256:…") of what the reference points at (an index for multi-arch images). */
  digest: string;
  mediaType: string;
  size?: number;
}

export interface ExposedPort {
  port: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface ImageConfigResult {
  /** Digest of the manifest the reference resolves to (index or single manifest): what to pin. */
  digest: string;
  mediaType: string;
  /** Digest of the platform-specific image manifest (equals `digest` for single-platform images). */
  manifestDigest: string;
  configDigest: string;
  platform: Platform;
  exposedPorts: ExposedPort[];
  env: string[];
  entrypoint: string[] | null;
  cmd: string[] | null;
  workingDir?: string;
  user?: string;
  labels: Record<string, string>;
}

export interface ListOptions {
  /** Page size sent as `n` (the registry may ignore it). */
  pageSize?: number;
  /** Stop after this many entries (default 10 000). */
  max?: number;
}

// ---------------------------------------------------------------------------
// Limits and defaults

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_TOKEN_TTL_S = 60;
const MAX_REDIRECTS = 5;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
const MAX_SMALL_BODY_BYTES = 256 * 1024;
const MAX_LIST_PAGE_BYTES = 8 * 1024 * 1024;
const MAX_PAGES = 1000;

// ---------------------------------------------------------------------------
// Errors

function fail(code: ErrorCode, reason: RegistryErrorReason, message: string, extra: Record<string, unknown> = {}): ServiceError {
  return new ServiceError(code, message, { reason, ...extra });
}

/** The `reason` a registry ServiceError carries, if any. */
export function registryErrorReason(e: unknown): RegistryErrorReason | undefined {
  if (e instanceof ServiceError && typeof e.details?.reason === 'string') return e.details.reason as RegistryErrorReason;
  return undefined;
}

interface RegistryErrorBody {
  code?: string;
  message?: string;
}

function parseErrorBody(text: string): RegistryErrorBody[] {
  try {
    const j = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(j.errors)) {
      return j.errors
        .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
        .map((x) => ({
          code: typeof x.code === 'string' ? x.code.toUpperCase() : undefined,
          message: typeof x.message === 'string' ? x.message : undefined,
        }));
    }
  } catch {
    /* not JSON */
  }
  return [];
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.ceil((t - now) / 1000));
}

function sanitize(s: string | undefined, max = 200): string {
  if (!s) return '';
  // Registry messages are shown for context only: one line, bounded, no bearer-like blobs.
  return s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{10,}/g, '[token]')
    .slice(0, max)
    .trim();
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

function networkError(e: unknown, host: string): ServiceError {
  const err = e as { message?: string; cause?: unknown };
  let cause = err?.cause as { code?: string; message?: string; errors?: unknown[] } | undefined;
  if (cause && Array.isArray(cause.errors) && cause.errors.length && !cause.code) {
    cause = cause.errors[0] as typeof cause;
  }
  const code = cause?.code ?? '';
  const detail = cause?.message ?? err?.message ?? String(e);
  // Refused, reset, unresolvable, unroutable, silent, or refused by the egress policy: one
  // text and one reason, so the test button cannot be used to map ports and networks.
  if (UNREACHABLE_CODES.has(code)) return unreachable(host);
  if (/wrong version number|packet length too long|ERR_SSL_WRONG_VERSION_NUMBER/i.test(`${code} ${detail}`)) {
    return fail('unavailable', 'tls', `The registry ${host} does not speak HTTPS on this port (TLS handshake failed). If it is a plain-HTTP registry, mark it as insecure.`);
  }
  if (
    /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/.test(code) ||
    /certificate|ssl|tls/i.test(detail)
  ) {
    let why = 'the TLS handshake failed';
    if (/SELF_SIGNED|self[- ]signed/i.test(`${code} ${detail}`)) why = 'its certificate is self-signed and not trusted';
    else if (/ALTNAME|HOSTNAME/i.test(code)) why = 'its certificate does not match the host name';
    else if (/EXPIRED/i.test(code)) why = 'its certificate has expired';
    else if (/UNABLE_TO_(GET_ISSUER|VERIFY)/i.test(code)) why = 'its certificate is signed by an unknown authority';
    return fail('unavailable', 'tls', `Could not open a secure connection to the registry ${host}: ${why}. Install a certificate from a trusted authority on the registry, or check the host name.`);
  }
  if (/bad port/i.test(detail)) {
    return fail('invalid', 'network', `The port of ${host} is blocked for HTTP clients (it belongs to another protocol). Use the registry's real port.`);
  }
  return unreachable(host);
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'EGRESS_REFUSED',
]);

/** The one answer for "no usable connection" (see networkError). */
export function unreachable(host: string): ServiceError {
  return fail(
    'unavailable',
    'unreachable',
    `Could not reach the registry ${host}. Check the host and port, that the registry is running, and that this server is allowed to connect to it.`,
  );
}

// ---------------------------------------------------------------------------
// Hosts and schemes

/** True for 127.0.0.0/8, localhost (and *.localhost) and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export interface RegistryEndpoint {
  /** Registry as people name it ("docker.io", "127.0.0.1:5000"). */
  host: string;
  /** host[:port] serving the API. */
  apiHost: string;
  /** "https://host" or "http://host". */
  baseUrl: string;
}

/**
 * Normalises a registry host given by a person: "127.0.0.1:5000",
 * "https://ghcr.io", "docker.io" (→ API host registry-1.docker.io).
 * Loopback hosts use plain HTTP unless "https://" is written; other hosts
 * use HTTPS unless `insecure` is set.
 */
export function resolveEndpoint(input: string, opts: { insecure?: boolean } = {}): RegistryEndpoint {
  let s = (input ?? '').trim();
  let scheme: 'http' | 'https' | undefined;
  const m = /^(https?):\/\//i.exec(s);
  if (m) {
    scheme = m[1].toLowerCase() as 'http' | 'https';
    s = s.slice(m[0].length);
  }
  s = s.replace(/\/+$/, '');
  if (s.endsWith('/v2')) s = s.slice(0, -3);
  if (!s) throw ServiceError.invalid('The registry host is empty; enter a host such as registry.example.com or 127.0.0.1:5000.', { host: 'required' });
  if (s.includes('/') || !referenceGrammar.domain.test(s)) {
    throw ServiceError.invalid(
      `"${s.slice(0, 100)}" is not a valid registry host; enter a host name or IP address with an optional port, e.g. registry.example.com or 127.0.0.1:5000.`,
      { host: 'invalid' },
    );
  }
  const host = normalizeDomain(s);
  const apiHost = registryApiHost(host);
  const hostname = apiHost.startsWith('[') ? apiHost.slice(0, apiHost.indexOf(']') + 1) : apiHost.split(':')[0];
  const loopback = isLoopbackHost(hostname);
  if (!scheme) scheme = loopback || opts.insecure ? 'http' : 'https';
  if (scheme === 'http' && !loopback && !opts.insecure) {
    throw fail(
      'invalid',
      'insecure_not_allowed',
      `Plain HTTP is only used for registries on this machine; ${host} must be reached over HTTPS. Use https://, or mark the registry as insecure if it really has no TLS.`,
    );
  }
  return { host, apiHost, baseUrl: `${scheme}://${apiHost}` };
}

// ---------------------------------------------------------------------------
// Token cache

interface CachedToken {
  token: string;
  expiresAt: number;
}

const tokenStore = new Map<string, CachedToken>();
const tokenInflight = new Map<string, Promise<CachedToken>>();
const fingerprintKey = randomBytes(32);
const tokenStats = { hits: 0, misses: 0 };

function credentialFingerprint(creds: Credentials): string {
  if (!creds) return '';
  // Keyed hash: a changed password never reuses a token obtained with the old one.
  return createHmac('sha256', fingerprintKey).update(creds.username).update('\0').update(creds.password).digest('base64url').slice(0, 22);
}

function tokenKey(realm: string, service: string, scope: string | null, creds: Credentials): string {
  return JSON.stringify([realm, service, scope ?? '', creds?.username ?? '', credentialFingerprint(creds)]);
}

/** Inspect and reset the process-wide bearer token cache (tests, credential changes). */
export const tokenCache = {
  /** Number of live (unexpired) tokens. */
  size(): number {
    const now = Date.now();
    let n = 0;
    for (const t of tokenStore.values()) if (t.expiresAt > now) n++;
    return n;
  },
  stats(): { hits: number; misses: number; size: number } {
    return { ...tokenStats, size: this.size() };
  },
  clear(): void {
    tokenStore.clear();
    tokenInflight.clear();
    tokenStats.hits = 0;
    tokenStats.misses = 0;
  },
};

export function clearTokenCache(): void {
  tokenCache.clear();
}

// ---------------------------------------------------------------------------
// HTTP plumbing

interface SendOptions {
  method?: 'GET' | 'HEAD';
  accept?: string;
  /** Authorization header value, only sent to `authOrigin`. */
  authorization?: string;
  authOrigin?: string;
}

interface Sent {
  res: Response;
  url: URL;
  /** Abort the rest of the request (body) and clear timers. */
  done(): void;
  /** Throws the timeout error if the total timer fired. */
  check(e: unknown): never;
}

async function readLimited(sent: Sent, max: number, what: string, host: string): Promise<Buffer> {
  const { res } = sent;
  const declared = Number(res.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    throw fail('unavailable', 'invalid_response', `The registry ${host} sent a ${what} that is too large (${declared} bytes; limit ${max}).`);
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => {});
        throw fail('unavailable', 'invalid_response', `The registry ${host} sent a ${what} that is too large (over ${max} bytes).`);
      }
      chunks.push(Buffer.from(value));
    }
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    sent.check(e);
  }
  return Buffer.concat(chunks);
}

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {});
}

function sha256(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function verifyDigest(expected: string, data: Uint8Array): boolean {
  const colon = expected.indexOf(':');
  const algorithm = expected.slice(0, colon);
  if (!['sha256', 'sha384', 'sha512'].includes(algorithm)) return false;
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}` === expected;
}

function parseLinkNext(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*(.*)$/.exec(part);
    if (m && /(^|;)\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(m[2])) return m[1];
  }
  return undefined;
}

function authFromChallenges(challenges: Challenge[]): PingResult | undefined {
  const bearer = findChallenge(challenges, 'bearer');
  if (bearer?.params.realm) return { scheme: 'bearer', realm: bearer.params.realm, service: bearer.params.service };
  if (findChallenge(challenges, 'basic')) return { scheme: 'basic' };
  return undefined;
}

const encodePath = (repository: string) => repository.split('/').map(encodeURIComponent).join('/');

function checkRepository(repository: string): void {
  if (!referenceGrammar.path.test(repository) || repository.length > 255) {
    throw ServiceError.invalid(`"${repository.slice(0, 100)}" is not a valid repository name (lowercase letters, digits and separators, e.g. team/app).`, { repository: 'invalid' });
  }
}

function checkReference(reference: string): void {
  const problem = reference.includes(':') ? digestProblem(reference) : tagProblem(reference);
  if (problem) throw ServiceError.invalid(problem, { reference: 'invalid' });
}

// ---------------------------------------------------------------------------
// Client

interface RepoContext {
  repository: string;
  reference?: string;
}

export class RegistryClient {
  readonly host: string;
  readonly apiHost: string;
  readonly baseUrl: string;
  private readonly creds: Credentials;
  private readonly insecure: boolean;
  private readonly connectTimeoutMs: number;
  private readonly timeoutMs: number;
  private readonly signal?: AbortSignal;
  private readonly userAgent: string;
  private readonly egress?: EgressPolicy;
  private pinged?: Promise<PingResult>;

  constructor(host: string, opts: RegistryClientOptions = {}) {
    const ep = resolveEndpoint(host, { insecure: opts.insecure });
    this.host = ep.host;
    this.apiHost = ep.apiHost;
    this.baseUrl = ep.baseUrl;
    const c = opts.credentials;
    this.creds = c && (c.username || c.password) ? { username: c.username, password: c.password } : undefined;
    this.insecure = !!opts.insecure;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.signal = opts.signal;
    this.userAgent = opts.userAgent ?? 'gantry-registry-client/1';
    this.egress = opts.egress;
  }

  get hasCredentials(): boolean {
    return !!this.creds;
  }

  // -- transport ------------------------------------------------------------

  private allowHttp(url: URL): boolean {
    return this.insecure || isLoopbackHost(url.hostname);
  }

  /** One HTTP exchange with manual redirects, timeouts and error mapping. */
  private async send(urlIn: string | URL, opts: SendOptions, hostForErrors = this.host): Promise<Sent> {
    let url = new URL(urlIn);
    const total = new AbortController();
    let timedOut: 'connect' | 'total' | null = null;
    const totalTimer = setTimeout(() => {
      timedOut = 'total';
      total.abort();
    }, this.timeoutMs);
    const signals = [total.signal];
    if (this.signal) signals.push(this.signal);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : total.signal;
    const done = () => clearTimeout(totalTimer);
    const timeoutError = () =>
      timedOut === 'connect'
        ? unreachable(hostForErrors)
        : fail('unavailable', 'timeout', `The registry ${hostForErrors} did not finish answering within ${seconds(this.timeoutMs)}. Try again later.`);
    const check = (e: unknown): never => {
      done();
      if (timedOut) throw timeoutError();
      if (this.signal?.aborted) throw this.signal.reason ?? e;
      if (e instanceof ServiceError) throw e;
      throw networkError(e, hostForErrors);
    };

    try {
      for (let hop = 0; ; hop++) {
        const headers: Record<string, string> = { 'User-Agent': this.userAgent };
        if (opts.accept) headers.Accept = opts.accept;
        if (opts.authorization && opts.authOrigin && url.origin === opts.authOrigin) {
          headers.Authorization = opts.authorization;
        }
        const connect = new AbortController();
        const connectTimer = setTimeout(() => {
          timedOut ??= 'connect';
          connect.abort();
        }, this.connectTimeoutMs);
        let res: Response;
        try {
          res = await egressFetch(
            url,
            { method: opts.method ?? 'GET', headers, redirect: 'manual', signal: AbortSignal.any([signal, connect.signal]) },
            this.egress,
          );
        } finally {
          clearTimeout(connectTimer);
        }
        if ([301, 302, 303, 307, 308].includes(res.status) && res.headers.get('location')) {
          await discard(res);
          if (hop >= MAX_REDIRECTS) {
            throw fail('unavailable', 'invalid_response', `The registry ${hostForErrors} redirected too many times.`);
          }
          const next = new URL(res.headers.get('location')!, url);
          if (next.protocol !== 'https:' && next.protocol !== 'http:') {
            throw fail('unavailable', 'invalid_response', `The registry ${hostForErrors} redirected to an unsupported URL scheme (${next.protocol}).`);
          }
          if (next.protocol === 'http:' && url.protocol === 'https:' && !this.allowHttp(next)) {
            throw fail('unavailable', 'insecure_not_allowed', `The registry ${hostForErrors} redirected from HTTPS to plain HTTP (${next.host}); refusing to continue insecurely.`);
          }
          url = next;
          continue;
        }
        return { res, url, done, check };
      }
    } catch (e) {
      return check(e);
    }
  }

  // -- auth -----------------------------------------------------------------

  /** `GET /v2/`: is this a registry, and which auth does it want? Cached per client. */
  ping(): Promise<PingResult> {
    this.pinged ??= this.doPing().catch((e) => {
      this.pinged = undefined;
      throw e;
    });
    return this.pinged;
  }

  private async doPing(): Promise<PingResult> {
    const sent = await this.send(`${this.baseUrl}/v2/`, {});
    const { res } = sent;
    try {
      if (res.ok) return { scheme: 'none' };
      if (res.status === 401) {
        const challenges = parseWwwAuthenticate(res.headers.get('www-authenticate'));
        const auth = authFromChallenges(challenges);
        if (auth) return auth;
        throw fail(
          'unavailable',
          'invalid_response',
          `The registry ${this.host} asks for an authentication method this client does not support (${challenges.map((c) => c.scheme).join(', ') || 'no challenge given'}).`,
        );
      }
      throw await this.statusError(sent, null);
    } finally {
      await discard(res);
      sent.done();
    }
  }

  private basicHeader(): string | undefined {
    if (!this.creds) return undefined;
    return `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`, 'utf8').toString('base64')}`;
  }

  /** Fetches (or reuses) a bearer token for `scope` (null: just sign in). */
  private async bearerToken(ping: PingResult, scope: string | null, fresh = false): Promise<{ token: string; cached: boolean }> {
    const realm = ping.realm!;
    const service = ping.service ?? '';
    const key = tokenKey(realm, service, scope, this.creds);
    const now = Date.now();
    if (!fresh) {
      const hit = tokenStore.get(key);
      if (hit && hit.expiresAt > now) {
        tokenStats.hits++;
        return { token: hit.token, cached: true };
      }
      const pending = tokenInflight.get(key);
      if (pending) return { token: (await pending).token, cached: false };
    }
    tokenStats.misses++;
    const p = this.fetchToken(realm, service, scope);
    tokenInflight.set(key, p);
    try {
      const t = await p;
      tokenStore.set(key, t);
      return { token: t.token, cached: false };
    } finally {
      if (tokenInflight.get(key) === p) tokenInflight.delete(key);
    }
  }

  private async fetchToken(realm: string, service: string, scope: string | null): Promise<CachedToken> {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw fail('unavailable', 'token_service_error', `The registry ${this.host} named an invalid token service URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw fail('unavailable', 'token_service_error', `The registry ${this.host} named a token service with an unsupported URL scheme.`);
    }
    if (url.protocol === 'http:' && !this.allowHttp(url)) {
      throw fail(
        'unavailable',
        'insecure_not_allowed',
        `The registry ${this.host} wants credentials sent to its token service ${url.host} over plain HTTP; refusing. Mark the registry as insecure only if you trust that network.`,
      );
    }
    if (service) url.searchParams.set('service', service);
    if (scope) url.searchParams.set('scope', scope);
    const authorization = this.basicHeader();
    const tokenHost = url.host;
    const sent = await this.send(url, { authorization, authOrigin: url.origin, accept: 'application/json' }, `${this.host} (token service at ${tokenHost})`);
    const { res } = sent;
    try {
      if (res.status === 401 || res.status === 403) {
        await discard(res);
        if (this.creds) {
          throw fail('unauthenticated', 'credentials_rejected', `The registry ${this.host} refused the credentials (wrong username or password/token).`);
        }
        throw fail('unauthenticated', 'credentials_required', `The registry ${this.host} requires credentials; add a username and password/token for it.`);
      }
      if (res.status === 429) throw await this.statusError(sent, null);
      if (!res.ok) {
        await discard(res);
        throw fail(
          'unavailable',
          'token_service_error',
          `The token service of registry ${this.host} (${tokenHost}) failed with HTTP ${res.status}. Try again later.`,
        );
      }
      const body = await readLimited(sent, MAX_SMALL_BODY_BYTES, 'token response', this.host);
      let j: { token?: unknown; access_token?: unknown; expires_in?: unknown; issued_at?: unknown };
      try {
        j = JSON.parse(body.toString('utf8'));
      } catch {
        throw fail('unavailable', 'token_service_error', `The token service of registry ${this.host} returned something that is not JSON.`);
      }
      const token = typeof j.token === 'string' && j.token ? j.token : typeof j.access_token === 'string' ? j.access_token : '';
      if (!token) {
        throw fail('unavailable', 'token_service_error', `The token service of registry ${this.host} returned no token.`);
      }
      const ttl = typeof j.expires_in === 'number' && j.expires_in > 0 ? j.expires_in : DEFAULT_TOKEN_TTL_S;
      const issuedParsed = typeof j.issued_at === 'string' ? Date.parse(j.issued_at) : NaN;
      // Trust issued_at only if it is sane relative to our clock.
      const start = !Number.isNaN(issuedParsed) && Math.abs(issuedParsed - Date.now()) < 5 * 60_000 ? Math.min(issuedParsed, Date.now()) : Date.now();
      const margin = Math.min(5_000, ttl * 100); // 10 % of the lifetime, at most 5 s
      return { token, expiresAt: start + ttl * 1000 - margin };
    } finally {
      sent.done();
    }
  }

  /**
   * Sends a request to the registry with whatever auth it wants for `scope`.
   * Retries once with a fresh token when a cached token is rejected.
   */
  private async authed(path: string, scope: string | null, opts: SendOptions): Promise<Sent> {
    const ping = await this.ping();
    const url = `${this.baseUrl}${path}`;
    const origin = new URL(this.baseUrl).origin;
    if (ping.scheme === 'none') {
      const sent = await this.send(url, opts);
      if (sent.res.status !== 401) return sent;
      // /v2/ was open but this resource is not: switch to the auth it asks for.
      const auth = authFromChallenges(parseWwwAuthenticate(sent.res.headers.get('www-authenticate')));
      if (!auth) return sent;
      await discard(sent.res);
      sent.done();
      this.pinged = Promise.resolve(auth);
      return this.authed(path, scope, opts);
    }
    if (ping.scheme === 'basic') {
      return this.send(url, { ...opts, authorization: this.basicHeader(), authOrigin: origin });
    }
    const first = await this.bearerToken(ping, scope);
    const sent = await this.send(url, { ...opts, authorization: `Bearer ${first.token}`, authOrigin: origin });
    if (sent.res.status !== 401 || !first.cached) return sent;
    await discard(sent.res);
    sent.done();
    const second = await this.bearerToken(ping, scope, true);
    return this.send(url, { ...opts, authorization: `Bearer ${second.token}`, authOrigin: origin });
  }

  /**
   * Checks that the credentials work (like `docker login`): Basic → `GET /v2/`
   * with them; Bearer → a token without scope from the realm, then `GET /v2/`.
   */
  async checkCredentials(): Promise<PingResult> {
    const ping = await this.ping();
    if (ping.scheme === 'none') return ping;
    if (ping.scheme === 'basic' && !this.creds) {
      throw fail('unauthenticated', 'credentials_required', `The registry ${this.host} requires credentials; add a username and password/token for it.`);
    }
    const sent = await this.authed('/v2/', null, {});
    try {
      if (sent.res.ok) return ping;
      if (sent.res.status === 401) {
        if (this.creds) {
          throw fail('unauthenticated', 'credentials_rejected', `The registry ${this.host} refused the credentials (wrong username or password/token).`);
        }
        throw fail('unauthenticated', 'credentials_required', `The registry ${this.host} requires credentials; add a username and password/token for it.`);
      }
      throw await this.statusError(sent, null);
    } finally {
      await discard(sent.res);
      sent.done();
    }
  }

  // -- error mapping ----------------------------------------------------------

  /** Maps a non-2xx registry response to a ServiceError (reads the error body when there is one). */
  private async statusError(sent: Sent, ctx: RepoContext | null, method: 'GET' | 'HEAD' = 'GET'): Promise<ServiceError> {
    const { res } = sent;
    const status = res.status;
    const errors = method === 'HEAD' ? [] : parseErrorBody((await readLimited(sent, MAX_SMALL_BODY_BYTES, 'error', this.host).catch(() => Buffer.alloc(0))).toString('utf8'));
    const codes = new Set(errors.map((e) => e.code));
    const registryMessage = sanitize(errors.find((e) => e.message)?.message);
    const repo = ctx?.repository;

    if (status === 429 || codes.has('TOOMANYREQUESTS')) {
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
      return fail(
        'rate_limited',
        'rate_limited',
        `The registry ${this.host} is rate-limiting requests (too many requests)${retryAfter !== undefined ? `; try again in ${retryAfter} s` : '; try again later'}${this.creds ? '' : ', or add credentials for a higher limit'}.`,
        retryAfter !== undefined ? { retryAfter } : {},
      );
    }
    if (codes.has('NAME_UNKNOWN') && repo) {
      return fail('not_found', 'repository_not_found', `Repository ${repo} does not exist in ${this.host}. Check the image name.`);
    }
    if ((codes.has('MANIFEST_UNKNOWN') || codes.has('TAG_INVALID') || codes.has('MANIFEST_BLOB_UNKNOWN')) && repo) {
      return this.manifestMissing(ctx!);
    }
    if (status === 401 || codes.has('UNAUTHORIZED')) {
      const ping = this.pinged ? await this.pinged.catch(() => null) : null;
      if (!this.creds) {
        return fail(
          'unauthenticated',
          'credentials_required',
          repo
            ? `The registry ${this.host} requires credentials to pull ${repo} (or the repository does not exist); add a username and password/token for it.`
            : `The registry ${this.host} requires credentials; add a username and password/token for it.`,
        );
      }
      if (ping?.scheme === 'bearer') {
        return repo
          ? this.noPullAccess(repo)
          : fail('forbidden', 'no_pull_access', `Authenticated to ${this.host}, but this account has no access to that part of the registry.`);
      }
      return fail('unauthenticated', 'credentials_rejected', `The registry ${this.host} refused the credentials (wrong username or password/token).`);
    }
    if (status === 403 || codes.has('DENIED')) {
      if (repo) {
        return this.creds
          ? this.noPullAccess(repo)
          : fail('unauthenticated', 'credentials_required', `The registry ${this.host} does not allow anonymous pulls of ${repo}; add a username and password/token for it.`);
      }
      return fail('forbidden', 'no_pull_access', `The registry ${this.host} denied access${registryMessage ? `: ${registryMessage}` : ''}.`);
    }
    if (status === 404) {
      if (repo) return this.manifestMissing(ctx!);
      return fail('unavailable', 'not_a_registry', `${this.host} does not look like a container registry (GET /v2/ answered 404). Check the host and port.`);
    }
    if (status >= 500) {
      return fail(
        'unavailable',
        'registry_error',
        `The registry ${this.host} failed with HTTP ${status}${registryMessage ? ` (${registryMessage})` : ''}. Try again later.`,
      );
    }
    return fail(
      'unavailable',
      'invalid_response',
      `The registry ${this.host} answered with unexpected HTTP ${status}${registryMessage ? ` (${registryMessage})` : ''}.`,
    );
  }

  private noPullAccess(repo: string): ServiceError {
    return fail(
      'forbidden',
      'no_pull_access',
      `Authenticated to ${this.host}, but no pull access to ${repo}. Check that the repository exists and that this account may pull it.`,
    );
  }

  /** MANIFEST_UNKNOWN: say whether the repository or only the tag/digest is missing. */
  private async manifestMissing(ctx: RepoContext): Promise<ServiceError> {
    const { repository, reference } = ctx;
    // distribution answers MANIFEST_UNKNOWN even for unknown repositories;
    // the tags list tells them apart.
    let repoMissing = false;
    try {
      const sent = await this.authed(`/v2/${encodePath(repository)}/tags/list?n=1`, `repository:${repository}:pull`, { accept: 'application/json' });
      try {
        if (sent.res.status === 404) {
          const errs = parseErrorBody((await readLimited(sent, MAX_SMALL_BODY_BYTES, 'error', this.host)).toString('utf8'));
          repoMissing = errs.length === 0 || errs.some((e) => e.code === 'NAME_UNKNOWN');
        }
      } finally {
        await discard(sent.res);
        sent.done();
      }
    } catch {
      /* keep the manifest message */
    }
    if (repoMissing) {
      return fail('not_found', 'repository_not_found', `Repository ${repository} does not exist in ${this.host}. Check the image name.`);
    }
    const what = reference && reference.includes(':') && referenceGrammar.digest.test(reference) ? `Digest ${reference}` : `Tag ${reference ?? 'latest'}`;
    return fail('not_found', 'manifest_not_found', `${what} does not exist in ${this.host}/${repository}. Check the tag, or push it first.`);
  }

  // -- manifests ------------------------------------------------------------

  /** `HEAD` the manifest: digest and media type of what `reference` (tag or digest) points at. */
  async resolve(repository: string, reference: string): Promise<ResolvedManifest> {
    checkRepository(repository);
    checkReference(reference);
    const ctx = { repository, reference };
    const sent = await this.authed(`/v2/${encodePath(repository)}/manifests/${reference}`, `repository:${repository}:pull`, {
      method: 'HEAD',
      accept: MANIFEST_ACCEPT,
    });
    const { res } = sent;
    try {
      if (res.ok) {
        const digest = res.headers.get('docker-content-digest') ?? '';
        const mediaType = (res.headers.get('content-type') ?? '').split(';')[0].trim();
        const size = Number(res.headers.get('content-length') ?? '');
        if (referenceGrammar.digest.test(digest) && (!reference.includes(':') || digest === reference)) {
          return { digest, mediaType, size: Number.isFinite(size) && size > 0 ? size : undefined };
        }
        // No (usable) digest header: fall back to GET and hash the body.
        const m = await this.getManifest(repository, reference);
        return { digest: m.digest, mediaType: m.mediaType, size: m.bytes.byteLength };
      }
    } finally {
      await discard(res);
      sent.done();
    }
    // HEAD has no error body: ask again with GET to learn why (and to cope
    // with registries that do not support HEAD).
    if (res.status === 429) throw await this.statusError(sent, ctx, 'HEAD');
    const m = await this.getManifest(repository, reference);
    return { digest: m.digest, mediaType: m.mediaType, size: m.bytes.byteLength };
  }

  /** `GET` the manifest, verify its digest, and parse it. */
  async getManifest(repository: string, reference: string): Promise<{ digest: string; mediaType: string; manifest: Record<string, unknown>; bytes: Buffer }> {
    checkRepository(repository);
    checkReference(reference);
    const ctx = { repository, reference };
    const sent = await this.authed(`/v2/${encodePath(repository)}/manifests/${reference}`, `repository:${repository}:pull`, {
      accept: MANIFEST_ACCEPT,
    });
    const { res } = sent;
    try {
      if (!res.ok) throw await this.statusError(sent, ctx);
      const bytes = await readLimited(sent, MAX_MANIFEST_BYTES, 'manifest', this.host);
      const headerDigest = res.headers.get('docker-content-digest');
      let digest: string;
      if (reference.includes(':')) {
        if (!verifyDigest(reference, bytes)) {
          throw fail('unavailable', 'invalid_response', `The registry ${this.host} returned a manifest for ${repository}@${reference} whose content does not match that digest.`);
        }
        digest = reference;
      } else {
        digest = sha256(bytes);
        if (headerDigest && headerDigest.startsWith('sha256:') && headerDigest !== digest) {
          throw fail('unavailable', 'invalid_response', `The registry ${this.host} returned a manifest for ${repository}:${reference} whose content does not match its Docker-Content-Digest header.`);
        }
        if (headerDigest && !headerDigest.startsWith('sha256:') && verifyDigest(headerDigest, bytes)) digest = headerDigest;
      }
      let manifest: Record<string, unknown>;
      try {
        manifest = JSON.parse(bytes.toString('utf8'));
      } catch {
        throw fail('unavailable', 'invalid_response', `The registry ${this.host} returned a manifest for ${repository} that is not valid JSON.`);
      }
      const mediaType =
        (typeof manifest.mediaType === 'string' && manifest.mediaType) ||
        (res.headers.get('content-type') ?? '').split(';')[0].trim() ||
        (Array.isArray(manifest.manifests) ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.ociManifest);
      return { digest, mediaType, manifest, bytes };
    } finally {
      await discard(res);
      sent.done();
    }
  }

  /** Downloads and verifies a blob (following redirects to storage without our Authorization). */
  async getBlob(repository: string, digest: string, maxBytes = MAX_CONFIG_BYTES): Promise<Buffer> {
    checkRepository(repository);
    const problem = digestProblem(digest);
    if (problem) throw ServiceError.invalid(problem);
    const sent = await this.authed(`/v2/${encodePath(repository)}/blobs/${digest}`, `repository:${repository}:pull`, {});
    const { res } = sent;
    try {
      if (!res.ok) {
        if (res.status === 404) {
          await discard(res);
          throw fail('not_found', 'manifest_not_found', `The registry ${this.host} is missing blob ${digest} of ${repository}; the image is incomplete. Push it again.`);
        }
        throw await this.statusError(sent, { repository });
      }
      const bytes = await readLimited(sent, maxBytes, 'blob', this.host);
      if (!verifyDigest(digest, bytes)) {
        throw fail('unavailable', 'invalid_response', `The registry ${this.host} returned blob ${digest} of ${repository} with content that does not match its digest.`);
      }
      return bytes;
    } finally {
      await discard(res);
      sent.done();
    }
  }

  /**
   * Reads the image configuration (exposed ports, env, cmd…) for `reference`.
   * For an index / manifest list, the entry for `platform` (default linux/amd64) is used.
   */
  async getImageConfig(repository: string, reference: string, platform: Platform = { os: 'linux', architecture: 'amd64' }): Promise<ImageConfigResult> {
    const top = await this.getManifest(repository, reference);
    let manifest = top.manifest;
    let manifestDigest = top.digest;
    let mediaType = top.mediaType;
    if (mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList || Array.isArray(manifest.manifests)) {
      const entries = (Array.isArray(manifest.manifests) ? manifest.manifests : []) as Array<{
        digest?: string;
        mediaType?: string;
        platform?: { os?: string; architecture?: string; variant?: string };
      }>;
      const candidates = entries.filter(
        (m) => m.platform?.os === platform.os && m.platform?.architecture === platform.architecture && typeof m.digest === 'string',
      );
      const pick = candidates.find((m) => !platform.variant || m.platform?.variant === platform.variant) ?? (platform.variant ? undefined : candidates[0]);
      if (!pick) {
        const available = entries
          .map((m) => m.platform && [m.platform.os, m.platform.architecture, m.platform.variant].filter(Boolean).join('/'))
          .filter((x) => x && !x.startsWith('unknown'));
        throw fail(
          'invalid',
          'platform_not_found',
          `The image ${this.host}/${repository}:${reference} has no ${platform.os}/${platform.architecture}${platform.variant ? `/${platform.variant}` : ''} variant${available.length ? ` (it has: ${[...new Set(available)].join(', ')})` : ''}.`,
        );
      }
      const child = await this.getManifest(repository, pick.digest!);
      manifest = child.manifest;
      manifestDigest = child.digest;
      mediaType = child.mediaType;
    }
    if (mediaType !== MEDIA_TYPES.ociManifest && mediaType !== MEDIA_TYPES.dockerManifest) {
      throw fail('invalid', 'invalid_response', `${this.host}/${repository}:${reference} is not a container image this client can read (media type ${sanitize(mediaType, 100) || 'unknown'}).`);
    }
    const config = manifest.config as { digest?: string; mediaType?: string } | undefined;
    if (!config?.digest || !referenceGrammar.digest.test(config.digest)) {
      throw fail('unavailable', 'invalid_response', `The manifest of ${this.host}/${repository}:${reference} has no image configuration.`);
    }
    if (config.mediaType && config.mediaType !== MEDIA_TYPES.ociConfig && config.mediaType !== MEDIA_TYPES.dockerConfig) {
      throw fail('invalid', 'invalid_response', `${this.host}/${repository}:${reference} is an artifact (${sanitize(config.mediaType, 100)}), not a container image.`);
    }
    const blob = await this.getBlob(repository, config.digest);
    let cfg: {
      os?: string;
      architecture?: string;
      variant?: string;
      config?: {
        ExposedPorts?: Record<string, unknown>;
        Env?: string[];
        Entrypoint?: string[] | null;
        Cmd?: string[] | null;
        WorkingDir?: string;
        User?: string;
        Labels?: Record<string, string> | null;
      };
    };
    try {
      cfg = JSON.parse(blob.toString('utf8'));
    } catch {
      throw fail('unavailable', 'invalid_response', `The image configuration of ${this.host}/${repository}:${reference} is not valid JSON.`);
    }
    const c = cfg.config ?? {};
    return {
      digest: top.digest,
      mediaType: top.mediaType,
      manifestDigest,
      configDigest: config.digest,
      platform: { os: cfg.os ?? platform.os, architecture: cfg.architecture ?? platform.architecture, ...(cfg.variant ? { variant: cfg.variant } : {}) },
      exposedPorts: parseExposedPorts(c.ExposedPorts),
      env: Array.isArray(c.Env) ? c.Env.filter((x) => typeof x === 'string') : [],
      entrypoint: Array.isArray(c.Entrypoint) ? c.Entrypoint : null,
      cmd: Array.isArray(c.Cmd) ? c.Cmd : null,
      workingDir: c.WorkingDir || undefined,
      user: c.User || undefined,
      labels: c.Labels && typeof c.Labels === 'object' ? { ...c.Labels } : {},
    };
  }

  // -- listings -------------------------------------------------------------

  private async paginate(path: string, scope: string, field: 'tags' | 'repositories', ctx: RepoContext | null, opts: ListOptions): Promise<string[]> {
    const max = opts.max ?? 10_000;
    const seen = new Set<string>();
    const out: string[] = [];
    const origin = new URL(this.baseUrl).origin;
    let next: string | undefined = path + (opts.pageSize ? `?n=${opts.pageSize}` : '');
    for (let page = 0; next && page < MAX_PAGES && out.length < max; page++) {
      const sent = await this.authed(next, scope, { accept: 'application/json' });
      let items: string[];
      let link: string | undefined;
      try {
        if (!sent.res.ok) throw await this.statusError(sent, ctx);
        const body = await readLimited(sent, MAX_LIST_PAGE_BYTES, 'listing', this.host);
        let j: Record<string, unknown>;
        try {
          j = JSON.parse(body.toString('utf8'));
        } catch {
          throw fail('unavailable', 'invalid_response', `The registry ${this.host} returned a ${field} listing that is not valid JSON.`);
        }
        const arr = j[field];
        items = Array.isArray(arr) ? arr.filter((x): x is string => typeof x === 'string') : [];
        link = parseLinkNext(sent.res.headers.get('link'));
      } finally {
        await discard(sent.res);
        sent.done();
      }
      let added = 0;
      for (const it of items) {
        if (!seen.has(it)) {
          seen.add(it);
          out.push(it);
          added++;
          if (out.length >= max) break;
        }
      }
      next = undefined;
      if (link) {
        const u = new URL(link, `${this.baseUrl}${path}`);
        if (u.origin === origin) next = u.pathname + u.search; // never follow listings to another host
      } else if (opts.pageSize && items.length === opts.pageSize && added > 0) {
        // Server honoured `n` but sent no Link header: continue from the last entry.
        next = `${path}?n=${opts.pageSize}&last=${encodeURIComponent(items[items.length - 1])}`;
      }
    }
    return out;
  }

  /** All tags of a repository, following `Link` pagination. */
  async listTags(repository: string, opts: ListOptions = {}): Promise<string[]> {
    checkRepository(repository);
    return this.paginate(`/v2/${encodePath(repository)}/tags/list`, `repository:${repository}:pull`, 'tags', { repository }, opts);
  }

  /** Repositories in the registry (`/v2/_catalog`), following `Link` pagination. */
  listRepositories(opts: ListOptions = {}): Promise<string[]> {
    return this.paginate('/v2/_catalog', 'registry:catalog:*', 'repositories', null, opts);
  }
}

export function parseExposedPorts(exposed: Record<string, unknown> | undefined | null): ExposedPort[] {
  if (!exposed || typeof exposed !== 'object') return [];
  const out: ExposedPort[] = [];
  for (const key of Object.keys(exposed)) {
    const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(key.trim());
    if (!m) continue;
    const port = Number(m[1]);
    if (port < 1 || port > 65535) continue;
    out.push({ port, protocol: (m[2]?.toLowerCase() ?? 'tcp') as ExposedPort['protocol'] });
  }
  return out.sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

// ---------------------------------------------------------------------------
// Convenience functions on image references

export function createRegistryClient(host: string, opts: RegistryClientOptions = {}): RegistryClient {
  return new RegistryClient(host, opts);
}

function asReference(image: string | ImageReference): ImageReference {
  return typeof image === 'string' ? parseImageReference(image) : image;
}

/** Resolves an image reference to its manifest digest (HEAD), e.g. to pin a deployment. */
export async function resolveImageDigest(
  image: string | ImageReference,
  opts: RegistryClientOptions = {},
): Promise<ResolvedManifest & { reference: ImageReference; pinned: string }> {
  const ref = asReference(image);
  const client = new RegistryClient(ref.domain, opts);
  const r = await client.resolve(ref.path, ref.manifestReference);
  return { ...r, reference: ref, pinned: ref.pinned(r.digest) };
}

/** Reads the image configuration (exposed ports etc.) of an image reference (linux/amd64 for multi-arch). */
export async function getImageConfig(
  image: string | ImageReference,
  opts: RegistryClientOptions & { platform?: Platform } = {},
): Promise<ImageConfigResult & { reference: ImageReference }> {
  const ref = asReference(image);
  const client = new RegistryClient(ref.domain, opts);
  const cfg = await client.getImageConfig(ref.path, ref.manifestReference, opts.platform);
  return { ...cfg, reference: ref };
}

/** Lists the tags of the repository of an image reference. */
export async function listTags(image: string | ImageReference, opts: RegistryClientOptions & ListOptions = {}): Promise<string[]> {
  const ref = asReference(image);
  return new RegistryClient(ref.domain, opts).listTags(ref.path, opts);
}

// ---------------------------------------------------------------------------
// Connection test

export interface TestConnectionInput {
  /** Registry host: "registry.example.com", "127.0.0.1:5000", "docker.io", optionally with https:// */
  host: string;
  credentials?: Credentials;
  /** Image or repository to check pull access for: "team/app", "team/app:1.0", or a full reference on `host`. */
  image?: string;
  insecure?: boolean;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  egress?: EgressPolicy;
}

export interface TestConnectionResult {
  ok: boolean;
  message: string;
  /** ServiceError code of the failure. */
  code?: ErrorCode;
  reason?: RegistryErrorReason;
  /** Resolved digest when an image with a tag or digest was checked. */
  digest?: string;
}

/** Parses `image` as a reference on `host`, accepting "repo", "repo:tag" or "host/repo:tag". */
function imageOnHost(host: string, image: string): ImageReference {
  const trimmed = image.trim();
  if (hasExplicitDomain(trimmed)) {
    const ref = parseImageReference(trimmed);
    if (normalizeDomain(ref.domain).toLowerCase() !== normalizeDomain(host).toLowerCase()) {
      throw ServiceError.invalid(`The image ${ref.familiar()} belongs to registry ${ref.domain}, not ${host}.`, { image: 'other registry' });
    }
    return ref;
  }
  if (normalizeDomain(host) === DOCKER_HUB_DOMAIN) return parseImageReference(trimmed);
  return parseImageReference(`${host}/${trimmed}`);
}

/**
 * Checks a registry connection the way a person would: reachable, credentials
 * accepted, and (when `image` is given) pull access to it. Never throws for
 * registry problems; the message says what is wrong and what to do.
 */
export async function testConnection(input: TestConnectionInput): Promise<TestConnectionResult> {
  try {
    const client = new RegistryClient(input.host, {
      credentials: input.credentials,
      insecure: input.insecure,
      connectTimeoutMs: input.connectTimeoutMs,
      timeoutMs: input.timeoutMs,
      signal: input.signal,
      egress: input.egress,
    });
    const ref = input.image?.trim() ? imageOnHost(client.host, input.image) : undefined;
    const ping = await client.checkCredentials();
    const who =
      ping.scheme === 'none'
        ? `Connected to ${client.host} (no sign-in required)`
        : client.hasCredentials
          ? `Signed in to ${client.host} as ${input.credentials!.username}`
          : `Connected to ${client.host} anonymously`;
    if (!ref) return { ok: true, message: `${who}.` };
    if (ref.explicitTag || ref.digest) {
      const r = await client.resolve(ref.path, ref.manifestReference);
      return { ok: true, message: `${who}; ${ref.familiar()} can be pulled (${r.digest}).`, digest: r.digest };
    }
    const tags = await client.listTags(ref.path, { pageSize: 1, max: 1 });
    return {
      ok: true,
      message: `${who}; ${ref.path} can be pulled${tags.length ? '' : ' (it has no tags yet)'}.`,
    };
  } catch (e) {
    if (e instanceof ServiceError) {
      return { ok: false, message: e.message, code: e.code, reason: registryErrorReason(e) };
    }
    if (input.signal?.aborted) return { ok: false, message: 'The connection test was cancelled.', code: 'unavailable' };
    return { ok: false, message: 'The connection test failed unexpectedly.', code: 'internal' };
  }
}
