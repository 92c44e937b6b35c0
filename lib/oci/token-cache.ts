/**
 * The process-wide cache of bearer tokens, per (realm, service, scope, username +
 * credential fingerprint), kept until shortly before `expires_in`; one fetch per key at a time.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Credentials, PingResult } from './types';

/** Lifetime of a token whose response names none. */
export const DEFAULT_TOKEN_TTL_S = 60;

export interface CachedToken {
  token: string;
  expiresAt: number;
}

export const tokenStore = new Map<string, CachedToken>();
export const tokenInflight = new Map<string, Promise<CachedToken>>();
const fingerprintKey = randomBytes(32);
export const tokenStats = { hits: 0, misses: 0 };

/**
 * What each registry's `GET /v2/` answered (none / basic / bearer with realm and service), per
 * base URL: it describes the registry, not a caller, and holds no secret. Kept a few minutes so
 * a storm of webhooks does not ping before every tag it resolves; a request refused (401) with
 * a kept answer pings again (the registry may have changed how it signs in), and a connection
 * test always pings afresh.
 */
export const PING_TTL_MS = 5 * 60_000;
export const pingStore = new Map<string, { result: PingResult; expiresAt: number }>();

function credentialFingerprint(creds: Credentials): string {
  if (!creds) return '';
  // Keyed hash: a changed password never reuses a token obtained with the old one.
  return createHmac('sha256', fingerprintKey).update(creds.username).update('\0').update(creds.password).digest('base64url').slice(0, 22);
}

export function tokenKey(realm: string, service: string, scope: string | null, creds: Credentials): string {
  return JSON.stringify([realm, service, scope ?? '', creds?.username ?? '', credentialFingerprint(creds)]);
}

/** Inspect and reset the process-wide bearer token cache and the kept pings (tests, credential changes). */
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
    pingStore.clear();
    tokenStats.hits = 0;
    tokenStats.misses = 0;
  },
};

export function clearTokenCache(): void {
  tokenCache.clear();
}
