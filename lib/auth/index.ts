import { database } from '@/db';
import type { Db } from '@/db/client';
import type { Actor } from '@/lib/services/context';
import { authenticateApiKey } from '@/lib/services/api-keys/authenticate-api-key';
import { createAuth, type Auth } from './auth';
import { isWellFormed } from './bearer-credential';

const g = globalThis as unknown as { __gantryAuth?: { db: Db; auth: Auth } };

export function authFor(db: Db): Auth {
  if (!g.__gantryAuth || g.__gantryAuth.db !== db) g.__gantryAuth = { db, auth: createAuth(db) };
  return g.__gantryAuth.auth;
}

export async function getAuth(): Promise<Auth> {
  return authFor((await database()).db);
}

/** The user behind a session cookie, if any. */
export async function sessionUser(db: Db, headers: Headers) {
  const session = await authFor(db).api.getSession({ headers });
  return session?.user ? { id: session.user.id, email: session.user.email, name: session.user.name } : undefined;
}

/**
 * Who is calling: an API key (Authorization: Bearer gak_…) or a console session.
 * A presented but invalid key is never silently downgraded to the cookie.
 */
export async function resolveActor(db: Db, headers: Headers, via: 'console' | 'api'): Promise<Actor | undefined> {
  const authz = headers.get('authorization');
  if (authz) {
    const m = /^Bearer\s+(\S+)$/i.exec(authz);
    if (!m || !isWellFormed('api-key', m[1])) return undefined;
    return authenticateApiKey(db, m[1]);
  }
  const user = await sessionUser(db, headers);
  return user ? { type: 'user', userId: user.id, email: user.email, via } : undefined;
}
