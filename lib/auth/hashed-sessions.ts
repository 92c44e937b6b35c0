import type { BetterAuthOptions } from 'better-auth';
import { hashToken } from '@/lib/crypto/tokens';

type Adapter = Record<string | symbol, unknown>;
type Where = { field: string; value: unknown; operator?: string };
type Args = { model?: string; where?: Where[]; data?: Record<string, unknown>; update?: Record<string, unknown> };

/**
 * Session tokens stored as SHA-256 hashes. better-auth has no option for it (only for
 * verification identifiers), so its database adapter is wrapped: for the session model,
 * every token it writes or looks up is hashed on the way in, and a row coming back carries
 * the token the caller presented (needed to set the cookie), never the stored hash. A copy
 * of the session table is then no set of live credentials.
 */
export function withHashedSessionTokens<F extends (options: BetterAuthOptions) => unknown>(factory: F): F {
  return ((options: BetterAuthOptions) => wrap(factory(options) as Adapter)) as F;
}

function wrap(adapter: Adapter): Adapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      const original = Reflect.get(target, prop, receiver);
      if (typeof original !== 'function') return original;
      if (prop === 'transaction') return (cb: (trx: Adapter) => Promise<unknown>) => original.call(target, (trx: Adapter) => cb(wrap(trx)));
      return async (args: Args, ...rest: unknown[]) => {
        if (!args || typeof args !== 'object' || args.model !== 'session') return original.call(target, args, ...rest);
        const presented = new Map<string, string>();
        const hash = (v: unknown) => {
          if (typeof v !== 'string') return v;
          const h = hashToken(v);
          presented.set(h, v);
          return h;
        };
        const next: Args = { ...args };
        if (next.where) next.where = next.where.map((w) => (w.field === 'token' ? { ...w, value: Array.isArray(w.value) ? w.value.map(hash) : hash(w.value) } : w));
        if (next.data && 'token' in next.data) next.data = { ...next.data, token: hash(next.data.token) };
        if (next.update && 'token' in next.update) next.update = { ...next.update, token: hash(next.update.token) };
        const out = await original.call(target, next, ...rest);
        const restore = (row: unknown) => {
          if (!row || typeof row !== 'object' || !('token' in row)) return row;
          const token = (row as { token: unknown }).token;
          // A row found by something else than its token (a user's list) keeps no token at all.
          return { ...row, token: typeof token === 'string' ? (presented.get(token) ?? '') : token };
        };
        return Array.isArray(out) ? out.map(restore) : restore(out);
      };
    },
  });
}
