import { randomUUID } from 'node:crypto';
import { getDb } from '@/db';
import { resolveActor } from '@/lib/auth';
import type { ErrorCode } from '@/lib/errors';
import type { ServiceContext } from '@/lib/services/context';
import { toErrorBody } from './errors';
import { clientAddress } from './client-address';
import { requestHeaders } from './request-scope';

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; fields?: Record<string, string> } };

/**
 * The server-action adapter. A server action is a public POST endpoint: every call
 * re-reads the session; the verb checks the organisation and the role.
 */
export async function action<T>(run: (ctx: ServiceContext) => Promise<T>, opts: { allowAnonymous?: boolean } = {}): Promise<ActionResult<T>> {
  const requestId = randomUUID();
  try {
    const headers = await requestHeaders();
    const db = await getDb();
    const actor = await resolveActor(db, headers, 'console');
    if (!actor && !opts.allowAnonymous) {
      return { ok: false, error: { code: 'unauthenticated', message: 'Your session has ended. Sign in again.' } };
    }
    const ctx: ServiceContext = { db, actor: actor ?? { type: 'anonymous' }, ip: clientAddress(headers), requestId };
    return { ok: true, data: await run(ctx) };
  } catch (e) {
    const { body } = toErrorBody(e, requestId);
    const fields = body.error.details?.fields;
    return { ok: false, error: { code: body.error.code, message: body.error.message, ...(fields ? { fields } : {}) } };
  }
}
