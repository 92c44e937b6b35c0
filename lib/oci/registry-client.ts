/**
 * A small client for the OCI distribution API (Docker Registry HTTP API v2),
 * built on the global `fetch`.
 *
 * - Auth: `GET /v2/` ping (its answer kept process-wide for a few minutes, see
 *   token-cache.ts); Basic challenge → Basic header; Bearer challenge →
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
 *
 * The other parts: types.ts, errors.ts, endpoint.ts, token-cache.ts, transport.ts,
 * connection-test.ts; lib/oci/client.ts re-exports the public names of all of them.
 */
import { ServiceError } from '@/lib/errors';
import { resolveEndpoint } from './endpoint';
import { fail, parseErrorBody, parseRetryAfter, sanitize } from './errors';
import { digestProblem, parseImageReference, referenceGrammar, type ImageReference } from './reference';
import { DEFAULT_TOKEN_TTL_S, PING_TTL_MS, pingStore, tokenInflight, tokenKey, tokenStats, tokenStore, type CachedToken } from './token-cache';
import {
  allowHttp,
  authFromChallenges,
  checkReference,
  checkRepository,
  discard,
  encodePath,
  parseLinkNext,
  readLimited,
  send,
  sha256,
  verifyDigest,
  type Sent,
  type SendOptions,
  type Transport,
} from './transport';
import {
  MANIFEST_ACCEPT,
  MEDIA_TYPES,
  type Credentials,
  type ExposedPort,
  type ImageConfigResult,
  type ListOptions,
  type PingResult,
  type Platform,
  type RegistryClientOptions,
  type ResolvedManifest,
} from './types';
import { parseWwwAuthenticate } from './www-authenticate';

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
const MAX_SMALL_BODY_BYTES = 256 * 1024;
const MAX_LIST_PAGE_BYTES = 8 * 1024 * 1024;
const MAX_PAGES = 1000;

interface RepoContext {
  repository: string;
  reference?: string;
}

export class RegistryClient {
  readonly host: string;
  readonly apiHost: string;
  readonly baseUrl: string;
  private readonly creds: Credentials;
  private readonly transport: Transport;
  private pinged?: Promise<PingResult>;
  /** The ping answer came from the process-wide store (pingStore), not from this client's own ping. */
  private pingKept = false;

  constructor(host: string, opts: RegistryClientOptions = {}) {
    const ep = resolveEndpoint(host, { insecure: opts.insecure });
    this.host = ep.host;
    this.apiHost = ep.apiHost;
    this.baseUrl = ep.baseUrl;
    const c = opts.credentials;
    this.creds = c && (c.username || c.password) ? { username: c.username, password: c.password } : undefined;
    this.transport = {
      insecure: !!opts.insecure,
      connectTimeoutMs: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: opts.signal,
      userAgent: opts.userAgent ?? 'gantry-registry-client/1',
      egress: opts.egress,
    };
  }

  get hasCredentials(): boolean {
    return !!this.creds;
  }

  // -- transport ------------------------------------------------------------


  private allowHttp(url: URL): boolean {
    return allowHttp(this.transport, url);
  }

  /** One HTTP exchange with manual redirects, timeouts and error mapping (lib/oci/transport). */
  private send(urlIn: string | URL, opts: SendOptions, hostForErrors = this.host): Promise<Sent> {
    return send(this.transport, urlIn, opts, hostForErrors);
  }

  // -- auth -----------------------------------------------------------------

  /**
   * `GET /v2/`: is this a registry, and which auth does it want? Cached per client, and kept
   * process-wide for a few minutes (pingStore) unless `fresh`; failures are never kept.
   */
  ping(fresh = false): Promise<PingResult> {
    if (fresh) this.forgetPing();
    if (this.pinged) return this.pinged;
    const kept = fresh ? undefined : pingStore.get(this.baseUrl);
    if (kept && kept.expiresAt > Date.now()) {
      this.pingKept = true;
      this.pinged = Promise.resolve(kept.result);
      return this.pinged;
    }
    this.pinged = this.doPing().then(
      (result) => {
        pingStore.set(this.baseUrl, { result, expiresAt: Date.now() + PING_TTL_MS });
        return result;
      },
      (e) => {
        this.pinged = undefined;
        throw e;
      },
    );
    return this.pinged;
  }

  private forgetPing() {
    pingStore.delete(this.baseUrl);
    this.pinged = undefined;
    this.pingKept = false;
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
    const sent = await this.authedWith(path, scope, opts);
    if (sent.res.status !== 401 || !this.pingKept) return sent;
    // Refused with a kept ping answer: the registry may sign in differently now. Ask it again.
    await discard(sent.res);
    sent.done();
    this.forgetPing();
    return this.authedWith(path, scope, opts);
  }

  private async authedWith(path: string, scope: string | null, opts: SendOptions): Promise<Sent> {
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
      this.pingKept = false;
      return this.authedWith(path, scope, opts);
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
    // A connection test tells how the registry answers now: never a kept ping.
    const ping = await this.ping(true);
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
