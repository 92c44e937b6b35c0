/**
 * The process-wide cache of bearer tokens, per (realm, service, scope, username +
 * credential fingerprint), kept until shortly before `expires_in`; one fetch per key at a time.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Credentials } from './types';

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

function credentialFingerprint(creds: Credentials): string {
  if (!creds) return '';
  // Keyed hash: a changed password never reuses a token obtained with the old one.
  return createHmac('sha256', fingerprintKey).update(creds.username).update('\0').update(creds.password).digest('base64url').slice(0, 22);
}

export function tokenKey(realm: string, service: string, scope: string | null, creds: Credentials): string {
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
