import { randomUUID } from 'node:crypto';
import { httpStatusFor, isServiceError, type ErrorCode, type ErrorDetails } from '@/lib/errors';
import { databaseError, logger, loggableError } from '@/lib/logger';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetails; correlationId?: string };
}

/**
 * The one mapping from thrown errors to what a caller sees. A ServiceError keeps its
 * code and message; anything else is a bug: a 500 with a correlation id, logged.
 */
export function toErrorBody(e: unknown, requestId: string = randomUUID()): { status: number; body: ErrorBody } {
  if (isServiceError(e)) {
    return { status: httpStatusFor[e.code], body: { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } } };
  }
  if (databaseUnavailable(e)) {
    // Postgres restarting or unreachable: the caller should come back, not file a bug.
    logger.warn({ requestId, err: loggableError(e) }, 'database unavailable');
    return { status: 503, body: { error: { code: 'unavailable', message: 'The database is unavailable right now. Retry in a few seconds.', details: { retryAfter: 5 } } } };
  }
  const db = databaseError(e);
  // Postgres' data exceptions (class 22: a NUL byte, a malformed uuid or timestamp, a value
  // out of range) come from input no check caught: the caller's mistake, not a crash.
  if (db?.code?.startsWith('22')) {
    logger.warn({ requestId, err: loggableError(e) }, 'input refused by the database');
    return { status: 422, body: { error: { code: 'invalid', message: 'A value in the request cannot be stored (a NUL character, or a malformed id, date or number). Correct it and try again.' } } };
  }
  logger.error({ requestId, err: loggableError(e) }, 'unexpected error');
  return {
    status: 500,
    body: { error: { code: 'internal', message: `Something went wrong on our side. Reference: ${requestId}.`, correlationId: requestId } },
  };
}

export function errorResponse(e: unknown, requestId?: string): Response {
  const { status, body } = toErrorBody(e, requestId);
  const headers: Record<string, string> = {};
  const retry = body.error.details?.retryAfter;
  if (typeof retry === 'number') headers['retry-after'] = String(Math.ceil(retry));
  if (requestId) headers['x-request-id'] = requestId;
  return Response.json(body, { status, headers });
}

const lostConnection = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * Whether a thrown error means the database cannot be reached (refused, reset, restarting):
 * Postgres classes 08 (connection exception) and 57P0x (shutdown, cannot connect now), or
 * node-postgres' own connection errors, anywhere in the cause chain.
 */
export function databaseUnavailable(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET')) return true;
    const message = (cur as { message?: unknown }).message;
    if (typeof message === 'string' && lostConnection.test(message)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
