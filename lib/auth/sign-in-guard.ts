/**
 * Backoff on failed sign-ins, kept per (account, client address) so that an attack on an
 * account from some addresses never locks its owner out from another: after a few free
 * failures an address must wait 1 s, 2 s, 4 s … (at most 15 min) between guesses at that
 * account. A looser per-account count notices an attack spread over many addresses and
 * then leaves each new address only one free guess — still enough for the owner, who
 * knows the password. In memory: one console process (PGlite), or per process behind a
 * load balancer, which only makes the limit per process.
 */
interface Entry {
  failures: number;
  last: number;
}

export const signInPolicy = {
  freeFailures: 5,
  /** Failures at one account (from all addresses, within `forgetMs`) that mean it is under attack. */
  attackFailures: 20,
  freeFailuresUnderAttack: 1,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetMs: 15 * 60_000,
  maxEntries: 100_000,
};

const g = globalThis as unknown as { __gantrySignInGuard?: { pairs: Map<string, Entry>; accounts: Map<string, Entry> } };
const state = (g.__gantrySignInGuard ??= { pairs: new Map(), accounts: new Map() });

const accountKey = (email: string) => email.trim().toLowerCase();
const pairKey = (email: string, address: string | undefined) => `${accountKey(email)}\u0000${address ?? 'unknown'}`;

function fresh(map: Map<string, Entry>, key: string, now: number): Entry | undefined {
  const e = map.get(key);
  if (e && now - e.last > signInPolicy.forgetMs) {
    map.delete(key);
    return undefined;
  }
  return e;
}

/** Milliseconds this address must still wait before its next guess at this account (0: go ahead). */
export function signInWait(email: string, address: string | undefined, now = Date.now()): number {
  const pair = fresh(state.pairs, pairKey(email, address), now);
  if (!pair) return 0;
  const account = fresh(state.accounts, accountKey(email), now);
  const free = (account?.failures ?? 0) >= signInPolicy.attackFailures ? signInPolicy.freeFailuresUnderAttack : signInPolicy.freeFailures;
  if (pair.failures < free) return 0;
  const delay = Math.min(signInPolicy.baseDelayMs * 2 ** Math.min(pair.failures - free, 30), signInPolicy.maxDelayMs);
  return Math.max(0, pair.last + delay - now);
}

export function recordSignIn(email: string, address: string | undefined, ok: boolean, now = Date.now()): void {
  const pk = pairKey(email, address);
  if (ok) {
    state.pairs.delete(pk);
    return;
  }
  bump(state.pairs, pk, now);
  bump(state.accounts, accountKey(email), now);
}

function bump(map: Map<string, Entry>, key: string, now: number) {
  const e = fresh(map, key, now) ?? { failures: 0, last: now };
  map.delete(key);
  map.set(key, { failures: e.failures + 1, last: now });
  // Insertion order is age order: the oldest entries go first when memory is bounded.
  while (map.size > signInPolicy.maxEntries) map.delete(map.keys().next().value!);
}

export function resetSignInGuardForTests() {
  state.pairs.clear();
  state.accounts.clear();
}
