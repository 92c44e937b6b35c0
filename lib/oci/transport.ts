/**
 * HTTP plumbing of the distribution client: one exchange with manual redirects (Authorization
 * only to the origin it was meant for), connect and total timeouts, bounded bodies, digests,
 * pagination links, and the name checks every request path goes through.
 */
import { createHash } from 'node:crypto';
import { ServiceError } from '@/lib/errors';
import { egressFetch, type EgressPolicy } from '@/lib/net/egress';
import { isLoopbackHost } from './endpoint';
import { fail, networkError, seconds, unreachable } from './errors';
import { digestProblem, referenceGrammar, tagProblem } from './reference';
import type { PingResult } from './types';
import { findChallenge, type Challenge } from './www-authenticate';

const MAX_REDIRECTS = 5;

/** How one client talks to its registry: its time limits, its cancel signal, where it may connect. */
export interface Transport {
  /** Plain HTTP allowed to a non-loopback host. */
  insecure: boolean;
  connectTimeoutMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  userAgent: string;
  egress?: EgressPolicy;
}

export interface SendOptions {
  method?: 'GET' | 'HEAD';
  accept?: string;
  /** Authorization header value, only sent to `authOrigin`. */
  authorization?: string;
  authOrigin?: string;
}

export interface Sent {
  res: Response;
  url: URL;
  /** Abort the rest of the request (body) and clear timers. */
  done(): void;
  /** Throws the timeout error if the total timer fired. */
  check(e: unknown): never;
}

export async function readLimited(sent: Sent, max: number, what: string, host: string): Promise<Buffer> {
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

export async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {});
}

export function sha256(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function verifyDigest(expected: string, data: Uint8Array): boolean {
  const colon = expected.indexOf(':');
  const algorithm = expected.slice(0, colon);
  if (!['sha256', 'sha384', 'sha512'].includes(algorithm)) return false;
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}` === expected;
}

export function parseLinkNext(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*(.*)$/.exec(part);
    if (m && /(^|;)\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(m[2])) return m[1];
  }
  return undefined;
}

export function authFromChallenges(challenges: Challenge[]): PingResult | undefined {
  const bearer = findChallenge(challenges, 'bearer');
  if (bearer?.params.realm) return { scheme: 'bearer', realm: bearer.params.realm, service: bearer.params.service };
  if (findChallenge(challenges, 'basic')) return { scheme: 'basic' };
  return undefined;
}

export const encodePath = (repository: string) => repository.split('/').map(encodeURIComponent).join('/');

export function checkRepository(repository: string): void {
  if (!referenceGrammar.path.test(repository) || repository.length > 255) {
    throw ServiceError.invalid(`"${repository.slice(0, 100)}" is not a valid repository name (lowercase letters, digits and separators, e.g. team/app).`, { repository: 'invalid' });
  }
}

export function checkReference(reference: string): void {
  const problem = reference.includes(':') ? digestProblem(reference) : tagProblem(reference);
  if (problem) throw ServiceError.invalid(problem, { reference: 'invalid' });
}

/** Plain HTTP only to loopback, or when the registry is marked insecure. */
export function allowHttp(t: Transport, url: URL): boolean {
  return t.insecure || isLoopbackHost(url.hostname);
}

/** One HTTP exchange with manual redirects, timeouts and error mapping. */
export async function send(t: Transport, urlIn: string | URL, opts: SendOptions, hostForErrors: string): Promise<Sent> {
  let url = new URL(urlIn);
  // One controller for both limits (which one fired is in timedOut): AbortSignal.any is costly
  // on the hot path (every webhook resolves a tag), so it is only used for a caller's own signal.
  const limits = new AbortController();
  let timedOut: 'connect' | 'total' | null = null;
  const totalTimer = setTimeout(() => {
    timedOut = 'total';
    limits.abort();
  }, t.timeoutMs);
  const signal = t.signal ? AbortSignal.any([limits.signal, t.signal]) : limits.signal;
  const done = () => clearTimeout(totalTimer);
  const timeoutError = () =>
    timedOut === 'connect'
      ? unreachable(hostForErrors)
      : fail('unavailable', 'timeout', `The registry ${hostForErrors} did not finish answering within ${seconds(t.timeoutMs)}. Try again later.`);
  const check = (e: unknown): never => {
    done();
    if (timedOut) throw timeoutError();
    if (t.signal?.aborted) throw t.signal.reason ?? e;
    if (e instanceof ServiceError) throw e;
    throw networkError(e, hostForErrors);
  };

  try {
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'User-Agent': t.userAgent };
      if (opts.accept) headers.Accept = opts.accept;
      if (opts.authorization && opts.authOrigin && url.origin === opts.authOrigin) {
        headers.Authorization = opts.authorization;
      }
      // Until the response's headers arrive (connecting included): the connect limit.
      const connectTimer = setTimeout(() => {
        timedOut ??= 'connect';
        limits.abort();
      }, t.connectTimeoutMs);
      let res: Response;
      try {
        res = await egressFetch(url, { method: opts.method ?? 'GET', headers, redirect: 'manual', signal }, t.egress);
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
        if (next.protocol === 'http:' && url.protocol === 'https:' && !allowHttp(t, next)) {
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
