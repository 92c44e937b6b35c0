import { randomUUID } from 'node:crypto';
import { getDb } from '@/db';
import { resolveActor } from '@/lib/auth';
import { ServiceError } from '@/lib/errors';
import { logger, redactUrl } from '@/lib/logger';
import type { ServiceContext } from '@/lib/services/context';
import { BadJsonError, readJson } from './body';
import { assertSameOriginWrite } from './csrf';
import { errorResponse } from './errors';
import { assertUsableRequest } from './params';
import { clientAddress } from './client-address';

export interface ApiArgs<P> {
  req: Request;
  params: P;
  ctx: ServiceContext;
  /** The JSON body (≤ 1 MiB); schemas in the verbs reject unknown fields. */
  body(): Promise<unknown>;
  query: URLSearchParams;
}

export type ApiResult = Response | { status?: number; body: unknown } | unknown;

/**
 * The REST adapter: request id + log line, the cross-site guard for cookie requests,
 * authenticate (API key or session), build ctx, refuse unusable ids, run the handler (one verb), map the result or the error.
 */
export function api<P = Record<string, string>>(handler: (a: ApiArgs<P>) => Promise<ApiResult>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
    const started = performance.now();
    const log = logger.child({ requestId });
    let res: Response;
    try {
      assertSameOriginWrite(req);
      const db = await getDb();
      const actor = await resolveActor(db, req.headers, 'api');
      if (!actor) {
        throw new ServiceError('unauthenticated', 'Sign in, or send an API key as "Authorization: Bearer gak_…".');
      }
      const ctx: ServiceContext = { db, actor, ip: clientAddress(req.headers), requestId };
      const url = new URL(req.url);
      const params = await route.params;
      assertUsableRequest(params, url.searchParams);
      const out = await handler({ req, params, ctx, body: () => readJson(req), query: url.searchParams });
      res = toResponse(out);
    } catch (e) {
      res = e instanceof BadJsonError ? Response.json({ error: { code: 'invalid', message: e.message } }, { status: 400 }) : errorResponse(e, requestId);
    }
    res.headers.set('x-request-id', requestId);
    log.info({ method: req.method, path: redactUrl(new URL(req.url).pathname + new URL(req.url).search), status: res.status, ms: Math.round(performance.now() - started) }, 'api request');
    return res;
  };
}

function toResponse(out: ApiResult): Response {
  if (out instanceof Response) return out;
  if (out && typeof out === 'object' && 'body' in out && Object.keys(out).every((k) => k === 'body' || k === 'status')) {
    const r = out as { status?: number; body: unknown };
    return r.status === 204 ? new Response(null, { status: 204 }) : Response.json(r.body, { status: r.status ?? 200 });
  }
  return Response.json(out ?? null);
}
