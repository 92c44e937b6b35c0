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
