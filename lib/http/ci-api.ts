import { randomUUID } from 'node:crypto';
import { getDb } from '@/db';
import { config } from '@/lib/config';
import { ServiceError } from '@/lib/errors';
import { logger, redactUrl } from '@/lib/logger';
import { authenticateCiToken } from '@/lib/services/ci/authenticate-ci-token';
import type { ServiceContext } from '@/lib/services/context';
import { BadJsonError, readJson } from './body';
import { errorResponse } from './errors';
import { assertUsableRequest } from './params';
import { clientAddress } from './client-address';

export const ciBodyLimit = 64 * 1024;

export interface CiArgs<P> {
  req: Request;
  params: P;
  ctx: ServiceContext;
  body(): Promise<unknown>;
  query: URLSearchParams;
}

/**
 * The adapter for CI callers: a component-bound token in `Authorization: Bearer gct_…`
 * (or `?token=` where the sender cannot set headers), bodies ≤ 64 KiB. The token never
 * reaches a log line.
 */
export function ciApi<P = Record<string, string>>(handler: (a: CiArgs<P>) => Promise<{ status: number; body: unknown }>, opts: { allowQueryToken?: boolean } = {}) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = randomUUID();
    const started = performance.now();
    const url = new URL(req.url);
    let res: Response;
    try {
      const header = req.headers.get('authorization');
      const presented = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : opts.allowQueryToken ? url.searchParams.get('token') : null;
      const db = await getDb();
      const actor = presented ? await authenticateCiToken(db, presented) : undefined;
      if (!actor) throw new ServiceError('unauthenticated', 'The CI token is missing, malformed, revoked or expired. Create a token in DevOps > External CI and send it as "Authorization: Bearer gct_…".');
      const ctx: ServiceContext = { db, actor, ip: clientAddress(req.headers), requestId };
      const params = await route.params;
      assertUsableRequest(params, url.searchParams);
      const out = await handler({ req, params, ctx, body: () => readJson(req, ciBodyLimit), query: url.searchParams });
      res = Response.json(out.body, { status: out.status });
    } catch (e) {
      res = e instanceof BadJsonError ? Response.json({ error: { code: 'invalid', message: e.message } }, { status: 400 }) : errorResponse(e, requestId);
    }
    res.headers.set('x-request-id', requestId);
    logger.info({ requestId, method: req.method, path: redactUrl(url.pathname + url.search), status: res.status, ms: Math.round(performance.now() - started) }, 'ci request');
    return res;
  };
}

/** Where CI follows a deployment it started: the adapter, not the service, knows the routes. */
export function ciDeploymentUrl(id: string): string {
  return `${config().baseUrl}/api/v1/ci/deployments/${id}`;
}
