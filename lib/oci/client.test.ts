/**
 * Integration tests of the distribution client against REAL registries
 * (CNCF distribution 2.8 via lib/testing/registry.ts) holding images built and
 * pushed with podman (lib/testing/images.ts).
 *
 * Two conditions that cannot be produced by distribution 2.8 are served by
 * small real HTTP servers instead: a rate-limiting registry (Docker Hub style
 * 429 + Retry-After) and a server that accepts connections but never answers.
 */
import { execFile } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '@/lib/errors';
import { buildTestImage, pushImage, pushImageIndex } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import {
  MEDIA_TYPES,
  RegistryClient,
  clearTokenCache,
  getImageConfig,
  listTags,
  parseRetryAfter,
  registryErrorReason,
  resolveEndpoint,
  resolveImageDigest,
  testConnection,
  tokenCache,
} from './client';

const USER = 'alice';
const PASS = 'correct horse battery staple';
const CREDS = { username: USER, password: PASS };
const WRONG = { username: USER, password: 'not-the-password' };

let anon: TestRegistry;
let basic: TestRegistry;
let token: TestRegistry;
let stopped: TestRegistry;
let pushed: Record<string, string> = {}; // `${registry.auth}:${repo:tag}` → digest from podman
let indexDigest = '';
let v2s2Digest = '';

async function caught(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    return e as ServiceError;
  }
  throw new Error('expected a ServiceError, but the call succeeded');
}

const credsFor = (r: TestRegistry) => (r.auth === 'anonymous' ? undefined : CREDS);

beforeAll(async () => {
  clearTokenCache();
  const [img1, img2] = await Promise.all([
    buildTestImage({ message: 'oci client test v1' }),
    buildTestImage({ message: 'oci client test v2' }),
  ]);
  [anon, basic, token, stopped] = await Promise.all([
    startRegistry({ auth: 'anonymous' }),
    startRegistry({ auth: 'basic', username: USER, password: PASS, redirectBlobs: true }),
    startRegistry({ auth: 'token', username: USER, password: PASS }),
    startRegistry({ auth: 'anonymous' }),
  ]);
  await Promise.all(
    [anon, basic, token].map(async (r) => {
      const { digest } = await pushImage(img1, `${r.host}/team/hello:1.0`, credsFor(r));
      pushed[`${r.auth}:team/hello:1.0`] = digest;
    }),
  );
  // Tags and repositories for pagination, a Docker v2 manifest and an index on the anonymous registry.
  for (const tag of ['a', 'b', 'c', 'd', 'e']) await pushImage(img1, `${anon.host}/team/tags:${tag}`);
  await pushImage(img2, `${anon.host}/other/app:1`);
  v2s2Digest = (await pushImage(img2, `${anon.host}/team/hello:v2s2`, undefined, { format: 'v2s2' })).digest;
  indexDigest = (
    await pushImageIndex(
      [
        { localRef: img2, arch: 'arm64' },
        { localRef: img1, arch: 'amd64' },
      ],
      `${anon.host}/team/multi:1`,
    )
  ).digest;
  pushed[`anonymous:team/multi:amd64`] = (await pushImage(img1, `${anon.host}/scratch/amd64:x`)).digest;
  pushed[`anonymous:team/multi:arm64`] = (await pushImage(img2, `${anon.host}/scratch/arm64:x`)).digest;
  await stopped.stop();
}, 120_000);

afterAll(async () => {
  await Promise.all([anon, basic, token, stopped].filter(Boolean).map((r) => r.stop()));
});

// ---------------------------------------------------------------------------

describe.each(['anonymous', 'basic', 'token'] as const)('%s registry', (auth) => {
  const reg = () => ({ anonymous: anon, basic, token })[auth];

  it('connection test succeeds', async () => {
    const r = await testConnection({ host: reg().host, credentials: credsFor(reg()) });
    expect(r).toMatchObject({ ok: true });
    expect(r.message).toMatch(auth === 'anonymous' ? /Connected to 127\.0\.0\.1:\d+ \(no sign-in required\)/ : /Signed in to 127\.0\.0\.1:\d+ as alice/);
  });

  it('resolves the same digest podman pushed', async () => {
    const want = pushed[`${auth}:team/hello:1.0`];
    expect(want).toMatch(/^sha256:[a-f0-9]{64}$/);
    const r = await resolveImageDigest(`${reg().host}/team/hello:1.0`, { credentials: credsFor(reg()) });
    expect(r.digest).toBe(want);
    expect(r.mediaType).toBe(MEDIA_TYPES.ociManifest);
    expect(r.pinned).toBe(`${reg().host}/team/hello@${want}`);
    // GET + sha256 of the body agrees with the HEAD digest
    const client = new RegistryClient(reg().host, { credentials: credsFor(reg()) });
    expect((await client.getManifest('team/hello', '1.0')).digest).toBe(want);
    // and a digest reference resolves to itself
    expect((await client.resolve('team/hello', want)).digest).toBe(want);
  });

  it('connection test with an image reports the digest', async () => {
    const r = await testConnection({ host: reg().host, credentials: credsFor(reg()), image: 'team/hello:1.0' });
    expect(r.ok).toBe(true);
    expect(r.digest).toBe(pushed[`${auth}:team/hello:1.0`]);
    expect(r.message).toContain('team/hello:1.0 can be pulled');
  });

  it('reads the image config (exposed ports, cmd)', async () => {
    const cfg = await getImageConfig(`${reg().host}/team/hello:1.0`, { credentials: credsFor(reg()) });
    expect(cfg.exposedPorts).toEqual([{ port: 8080, protocol: 'tcp' }]);
    expect(cfg.cmd).toEqual(['/bin/busybox', 'httpd', '-f', '-p', '8080', '-h', '/www']);
    expect(cfg.platform).toMatchObject({ os: 'linux', architecture: 'amd64' });
    expect(cfg.digest).toBe(pushed[`${auth}:team/hello:1.0`]);
    expect(cfg.configDigest).toMatch(/^sha256:/);
  });

  it('missing tag is a clear not_found', async () => {
    const e = await caught(resolveImageDigest(`${reg().host}/team/hello:1.9`, { credentials: credsFor(reg()) }));
    expect(e.code).toBe('not_found');
    expect(e.message).toBe(`Tag 1.9 does not exist in ${reg().host}/team/hello. Check the tag, or push it first.`);
    const t = await testConnection({ host: reg().host, credentials: credsFor(reg()), image: 'team/hello:1.9' });
    expect(t).toMatchObject({ ok: false, code: 'not_found', reason: 'manifest_not_found' });
  });

  it('missing repository is a clear not_found', async () => {
    const e = await caught(resolveImageDigest(`${reg().host}/team/nope:1.0`, { credentials: credsFor(reg()) }));
    expect(e.code).toBe('not_found');
    expect(e.message).toBe(`Repository team/nope does not exist in ${reg().host}. Check the image name.`);
    const t = await testConnection({ host: reg().host, credentials: credsFor(reg()), image: 'team/nope' });
    expect(t).toMatchObject({ ok: false, reason: 'repository_not_found' });
    expect(t.message).toContain('Repository team/nope does not exist');
  });

  it('repository-only connection test lists access', async () => {
    const t = await testConnection({ host: reg().host, credentials: credsFor(reg()), image: `${reg().host}/team/hello` });
    expect(t).toMatchObject({ ok: true });
    expect(t.message).toMatch(/team\/hello can be pulled\.$/);
  });

  if (auth !== 'anonymous') {
    it('wrong password is a clear failure without leaking the password', async () => {
      const t = await testConnection({ host: reg().host, credentials: WRONG });
      expect(t).toMatchObject({ ok: false, code: 'unauthenticated', reason: 'credentials_rejected' });
      expect(t.message).toBe(`The registry ${reg().host} refused the credentials (wrong username or password/token).`);
      const e = await caught(resolveImageDigest(`${reg().host}/team/hello:1.0`, { credentials: WRONG }));
      expect(e.code).toBe('unauthenticated');
      expect(e.message).not.toContain(WRONG.password);
      expect(JSON.stringify(e.details)).not.toContain(WRONG.password);
    });

    it('no credentials: asks for them', async () => {
      const e = await caught(resolveImageDigest(`${reg().host}/team/hello:1.0`));
      expect(e.code).toBe('unauthenticated');
      expect(registryErrorReason(e)).toBe('credentials_required');
      expect(e.message).toMatch(/requires credentials/);
    });
  }
});

// ---------------------------------------------------------------------------

describe('token auth specifics', () => {
  it('reuses cached tokens: a second resolve makes no token request', async () => {
    clearTokenCache();
    const ref = `${token.host}/team/hello:1.0`;
    const before = token.tokenRequests();
    await resolveImageDigest(ref, { credentials: CREDS });
    const afterFirst = token.tokenRequests();
    expect(afterFirst - before).toBe(1);
    const second = await resolveImageDigest(ref, { credentials: CREDS }); // new client, same process cache
    expect(second.digest).toBe(pushed['token:team/hello:1.0']);
    expect(token.tokenRequests()).toBe(afterFirst);
    expect(tokenCache.stats().hits).toBeGreaterThanOrEqual(1);
    expect(tokenCache.size()).toBeGreaterThanOrEqual(1);
    // other credentials never reuse that token
    await caught(resolveImageDigest(ref, { credentials: WRONG }));
    expect(token.tokenRequests()).toBe(afterFirst + 1);
    clearTokenCache();
    expect(tokenCache.size()).toBe(0);
  });

  it('token server refusing → clear failure', async () => {
    clearTokenCache();
    token.setTokenPolicy('refuse');
    try {
      const before = token.tokenRequests();
      const t = await testConnection({ host: token.host, credentials: CREDS, image: 'team/hello:1.0' });
      expect(t).toMatchObject({ ok: false, code: 'unauthenticated', reason: 'credentials_rejected' });
      expect(t.message).toMatch(/refused the credentials/);
      expect(token.tokenRequests()).toBeGreaterThan(before);
    } finally {
      token.setTokenPolicy('grant');
    }
  });

  it('token server granting no scopes → "authenticated, but no pull access"', async () => {
    clearTokenCache();
    token.setTokenPolicy('no-scopes');
    try {
      const t = await testConnection({ host: token.host, credentials: CREDS, image: 'team/hello:1.0' });
      expect(t).toMatchObject({ ok: false, code: 'forbidden', reason: 'no_pull_access' });
      expect(t.message).toBe(
        `Authenticated to ${token.host}, but no pull access to team/hello. Check that the repository exists and that this account may pull it.`,
      );
      // without an image the sign-in itself is fine
      expect((await testConnection({ host: token.host, credentials: CREDS })).ok).toBe(true);
    } finally {
      token.setTokenPolicy('grant');
      clearTokenCache();
    }
  });

  it('anonymous token: connects, but pulling needs credentials', async () => {
    const t = await testConnection({ host: token.host });
    expect(t).toMatchObject({ ok: true });
    expect(t.message).toMatch(/anonymously/);
    const p = await testConnection({ host: token.host, image: 'team/hello:1.0' });
    expect(p).toMatchObject({ ok: false, reason: 'credentials_required' });
    expect(p.message).toMatch(/requires credentials to pull team\/hello/);
  });
});

describe('basic auth specifics', () => {
  it('follows blob redirects to another origin without sending Authorization', async () => {
    const before = basic.storageRequests().length;
    const cfg = await getImageConfig(`${basic.host}/team/hello:1.0`, { credentials: CREDS });
    expect(cfg.exposedPorts).toEqual([{ port: 8080, protocol: 'tcp' }]);
    const reqs = basic.storageRequests().slice(before);
    expect(reqs.length).toBeGreaterThanOrEqual(1);
    expect(reqs.some((r) => r.method === 'GET' && r.path.endsWith('/data'))).toBe(true);
    expect(reqs.filter((r) => r.hadAuthorization)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------

describe('manifests, indexes and listings (anonymous registry)', () => {
  it('index: HEAD digest equals podman manifest push digest; config picks linux/amd64', async () => {
    const r = await resolveImageDigest(`${anon.host}/team/multi:1`);
    expect(r.digest).toBe(indexDigest);
    expect([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList]).toContain(r.mediaType);
    const client = new RegistryClient(anon.host);
    const amd = await client.getImageConfig('team/multi', '1');
    expect(amd.digest).toBe(indexDigest);
    expect(amd.manifestDigest).not.toBe(indexDigest);
    // the amd64 entry is the v1 image, the arm64 entry the v2 image
    const amdCfgOfV1 = await client.getImageConfig('scratch/amd64', 'x');
    const armCfgOfV2 = await client.getImageConfig('scratch/arm64', 'x');
    expect(amd.configDigest).toBe(amdCfgOfV1.configDigest);
    const arm = await client.getImageConfig('team/multi', '1', { os: 'linux', architecture: 'arm64' });
    expect(arm.configDigest).toBe(armCfgOfV2.configDigest);
    expect(arm.configDigest).not.toBe(amd.configDigest);
    const e = await caught(client.getImageConfig('team/multi', '1', { os: 'linux', architecture: 's390x' }));
    expect(e.message).toMatch(/has no linux\/s390x variant \(it has: linux\/arm64, linux\/amd64\)/);
  });

  it('Docker v2 schema 2 manifests resolve and expose ports', async () => {
    const r = await resolveImageDigest(`${anon.host}/team/hello:v2s2`);
    expect(r.digest).toBe(v2s2Digest);
    expect(r.mediaType).toBe(MEDIA_TYPES.dockerManifest);
    const cfg = await getImageConfig(`${anon.host}/team/hello:v2s2`);
    expect(cfg.exposedPorts).toEqual([{ port: 8080, protocol: 'tcp' }]);
  });

  it('lists tags with a page size (distribution 2.8 ignores n for tags; all tags still come back)', async () => {
    const tags = await listTags(`${anon.host}/team/tags`, { pageSize: 2 });
    expect([...tags].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await listTags(`${anon.host}/team/tags`, { pageSize: 2, max: 3 })).toHaveLength(3);
  });

  it('follows Link pagination (catalog, page size 2)', async () => {
    // The registry really paginates the catalog: first page has 2 entries and a Link header.
    const first = await fetch(`${anon.url}/v2/_catalog?n=2`);
    expect(((await first.json()) as { repositories: string[] }).repositories).toHaveLength(2);
    expect(first.headers.get('link')).toMatch(/rel="next"/);
    const repos = await new RegistryClient(anon.host).listRepositories({ pageSize: 2 });
    expect([...repos].sort()).toEqual(['other/app', 'scratch/amd64', 'scratch/arm64', 'team/hello', 'team/multi', 'team/tags']);
  });

  it('tags of a missing repository: clear not_found', async () => {
    const e = await caught(listTags(`${anon.host}/team/nope`));
    expect(e.message).toBe(`Repository team/nope does not exist in ${anon.host}. Check the image name.`);
  });
});

// ---------------------------------------------------------------------------

describe('unavailable registries and network failures', () => {
  it('a stopped registry → unavailable with a clear message; its process is gone', async () => {
    expect(() => process.kill(stopped.pid, 0)).toThrow(); // ESRCH: no leftover process
    const t = await testConnection({ host: stopped.host });
    expect(t).toMatchObject({ ok: false, code: 'unavailable', reason: 'unreachable' });
    expect(t.message).toBe(
      `Could not reach the registry ${stopped.host}. Check the host and port, that the registry is running, and that this server is allowed to connect to it.`,
    );
    const e = await caught(resolveImageDigest(`${stopped.host}/team/hello:1.0`));
    expect(e.code).toBe('unavailable');
  });

  it('DNS failure', async () => {
    const t = await testConnection({ host: 'gantry-registry-does-not-exist.invalid' });
    expect(t).toMatchObject({ ok: false, code: 'unavailable', reason: 'unreachable' });
    expect(t.message).toMatch(/^Could not reach the registry gantry-registry-does-not-exist\.invalid\./);
  });

  it('a server that never answers → the same "could not reach" as a closed port (no port-scan oracle)', async () => {
    const sockets: net.Socket[] = [];
    const srv = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      const t = await testConnection({ host: `127.0.0.1:${port}`, connectTimeoutMs: 300 });
      expect(t).toMatchObject({ ok: false, code: 'unavailable', reason: 'unreachable' });
      expect(t.message).toBe(`Could not reach the registry 127.0.0.1:${port}. Check the host and port, that the registry is running, and that this server is allowed to connect to it.`);
      // The connection was accepted and left unanswered: the connect timer decided the outcome.
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => srv.close(r));
    }
  });

  it('TLS: self-signed certificate and plain-HTTP port', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-tls-'));
    const keyPath = path.join(dir, 'k.pem');
    const certPath = path.join(dir, 'c.pem');
    await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', keyPath, '-out', certPath]);
    const srv = https.createServer({ key: await readFile(keyPath), cert: await readFile(certPath) }, (_req, res) => {
      res.writeHead(200).end('{}');
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      const t = await testConnection({ host: `https://127.0.0.1:${port}` });
      expect(t).toMatchObject({ ok: false, code: 'unavailable', reason: 'tls' });
      expect(t.message).toMatch(/secure connection to the registry 127\.0\.0\.1:\d+: its certificate is self-signed and not trusted/);
      const plain = await testConnection({ host: `https://${anon.host}` });
      expect(plain).toMatchObject({ ok: false, reason: 'tls' });
      expect(plain.message).toMatch(/does not speak HTTPS on this port/);
    } finally {
      srv.closeAllConnections();
      await new Promise((r) => srv.close(r));
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('something that is not a registry (GET /v2/ → 404)', async () => {
    const realm = new URL(token.tokenRealm!);
    const t = await testConnection({ host: realm.host });
    expect(t).toMatchObject({ ok: false, reason: 'not_a_registry' });
    expect(t.message).toMatch(/does not look like a container registry/);
  });

  it('rate limiting (429 + Retry-After) → rate_limited with retryAfter', async () => {
    // distribution 2.8 has no rate limiter; this server answers like Docker Hub's.
    const srv = http.createServer((req, res) => {
      if (req.url === '/v2/') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '7' });
      res.end(JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'You have reached your pull rate limit.' }] }));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      const e = await caught(resolveImageDigest(`127.0.0.1:${port}/library/nginx:1`));
      expect(e.code).toBe('rate_limited');
      expect(e.details?.retryAfter).toBe(7);
      expect(e.message).toBe(`The registry 127.0.0.1:${port} is rate-limiting requests (too many requests); try again in 7 s, or add credentials for a higher limit.`);
    } finally {
      srv.closeAllConnections();
      await new Promise((r) => srv.close(r));
    }
  });
});

describe('kept pings and connection reuse', () => {
  // A registry whose sign-in can be switched while it runs (distribution cannot do that):
  // Basic first, then Bearer with a token service on the same server.
  async function switchingRegistry() {
    const digest = `sha256:${'a'.repeat(64)}`;
    const seen = { pings: 0, tokens: 0 };
    let scheme: 'basic' | 'bearer' = 'basic';
    const basicOk = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
    const srv = http.createServer((req, res) => {
      const host = `127.0.0.1:${(srv.address() as net.AddressInfo).port}`;
      if (req.url?.startsWith('/token')) {
        seen.tokens++;
        return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: 'tok', expires_in: 300 }));
      }
      if (req.url === '/v2/' && !req.headers.authorization) seen.pings++;
      const authorized = scheme === 'basic' ? req.headers.authorization === basicOk : req.headers.authorization === 'Bearer tok';
      if (!authorized) {
        const challenge = scheme === 'basic' ? 'Basic realm="test"' : `Bearer realm="http://${host}/token",service="test"`;
        return void res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': challenge }).end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      }
      if (req.url === '/v2/') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      res.writeHead(200, { 'Content-Type': MEDIA_TYPES.ociManifest, 'Docker-Content-Digest': digest, 'Content-Length': '100' }).end();
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const host = `127.0.0.1:${(srv.address() as net.AddressInfo).port}`;
    return {
      host,
      digest,
      seen,
      switchToBearer: () => (scheme = 'bearer'),
      stop: async () => {
        srv.closeAllConnections();
        await new Promise((r) => srv.close(r));
      },
    };
  }

  it('one ping serves every client of the process; the connection is reused', async () => {
    clearTokenCache();
    const reg = await switchingRegistry();
    try {
      for (let i = 0; i < 3; i++) expect((await resolveImageDigest(`${reg.host}/team/app:1`, { credentials: CREDS })).digest).toBe(reg.digest);
      expect(reg.seen.pings).toBe(1);
      // A connection test always asks the registry afresh.
      expect((await testConnection({ host: reg.host, credentials: CREDS })).ok).toBe(true);
      expect(reg.seen.pings).toBe(2);
    } finally {
      await reg.stop();
      clearTokenCache();
    }
  });

  it('a registry that changed how it signs in is pinged again (a kept answer is not trusted after a 401)', async () => {
    clearTokenCache();
    const reg = await switchingRegistry();
    try {
      await resolveImageDigest(`${reg.host}/team/app:1`, { credentials: CREDS });
      reg.switchToBearer();
      expect((await resolveImageDigest(`${reg.host}/team/app:1`, { credentials: CREDS })).digest).toBe(reg.digest);
      expect(reg.seen.pings).toBe(2);
      expect(reg.seen.tokens).toBe(1);
      // …and the new answer is the one kept.
      await resolveImageDigest(`${reg.host}/team/app:1`, { credentials: CREDS });
      expect(reg.seen.pings).toBe(2);
    } finally {
      await reg.stop();
      clearTokenCache();
    }
  });
});

// ---------------------------------------------------------------------------

describe('endpoints and helpers', () => {
  it('plain HTTP only for loopback or insecure', () => {
    expect(resolveEndpoint('127.0.0.1:5000').baseUrl).toBe('http://127.0.0.1:5000');
    expect(resolveEndpoint('localhost:5000').baseUrl).toBe('http://localhost:5000');
    expect(resolveEndpoint('[::1]:5000').baseUrl).toBe('http://[::1]:5000');
    expect(resolveEndpoint('127.8.9.10').baseUrl).toBe('http://127.8.9.10');
    expect(resolveEndpoint('registry.example.com').baseUrl).toBe('https://registry.example.com');
    expect(resolveEndpoint('10.0.0.5:5000').baseUrl).toBe('https://10.0.0.5:5000');
    expect(resolveEndpoint('10.0.0.5:5000', { insecure: true }).baseUrl).toBe('http://10.0.0.5:5000');
    expect(resolveEndpoint('https://127.0.0.1:5000/').baseUrl).toBe('https://127.0.0.1:5000');
    expect(() => resolveEndpoint('http://registry.example.com')).toThrowError(/only used for registries on this machine/);
    expect(resolveEndpoint('http://registry.example.com', { insecure: true }).baseUrl).toBe('http://registry.example.com');
  });

  it('Docker Hub aliases use registry-1.docker.io', () => {
    for (const h of ['docker.io', 'index.docker.io', 'registry.hub.docker.com', 'https://registry-1.docker.io']) {
      const ep = resolveEndpoint(h);
      expect(ep).toEqual({ host: 'docker.io', apiHost: 'registry-1.docker.io', baseUrl: 'https://registry-1.docker.io' });
    }
  });

  it('rejects invalid hosts and images from another registry', async () => {
    expect(() => resolveEndpoint('not a host')).toThrowError(ServiceError);
    expect(() => resolveEndpoint('')).toThrowError(/host is empty/);
    const t = await testConnection({ host: anon.host, image: 'ghcr.io/org/app:1' });
    expect(t).toMatchObject({ ok: false, code: 'invalid' });
    expect(t.message).toBe(`The image ghcr.io/org/app:1 belongs to registry ghcr.io, not ${anon.host}.`);
  });

  it('parseRetryAfter handles seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
