import { randomUUID } from 'node:crypto';
import { httpStatusFor, isServiceError, type ErrorCode, type ErrorDetails } from '@/lib/errors';
import { logger } from '@/lib/logger';

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
  logger.error({ requestId, err: scrub(e) }, 'unexpected error');
  return {
    status: 500,
    body: { error: { code: 'internal', message: `Something went wrong on our side. Reference: ${requestId}.`, correlationId: requestId } },
  };
}

/** Only the name, message and stack of an unknown error are logged (never its properties, which may hold inputs). */
function scrub(e: unknown) {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { message: String(e) };
}

export function errorResponse(e: unknown, requestId?: string): Response {
  const { status, body } = toErrorBody(e, requestId);
  const headers: Record<string, string> = {};
  const retry = body.error.details?.retryAfter;
  if (typeof retry === 'number') headers['retry-after'] = String(Math.ceil(retry));
  if (requestId) headers['x-request-id'] = requestId;
  return Response.json(body, { status, headers });
}
