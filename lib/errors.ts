import type { ZodError } from 'zod';

export type ErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export const httpStatusFor: Record<ErrorCode, number> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorDetails {
  /** Field-level messages, keyed by dotted path ("auths", "password"). */
  fields?: Record<string, string>;
  /** Seconds after which a rate-limited or unavailable call may be retried. */
  retryAfter?: number;
  [key: string]: unknown;
}

/**
 * The one error type of the domain. The message is shown to a person as-is:
 * it says what went wrong and what to do, and never contains a secret.
 */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.details = details;
  }

  static invalid(message: string, fields?: Record<string, string>) {
    return new ServiceError('invalid', message, fields ? { fields } : undefined);
  }
  static notFound(what: string) {
    return new ServiceError('not_found', `${what} was not found.`);
  }
  static forbidden(message = 'Your role does not allow this action.') {
    return new ServiceError('forbidden', message);
  }
  static conflict(message: string, details?: ErrorDetails) {
    return new ServiceError('conflict', message, details);
  }
  static unavailable(message: string, details?: ErrorDetails) {
    return new ServiceError('unavailable', message, details);
  }
}

export function isServiceError(e: unknown): e is ServiceError {
  return e instanceof ServiceError;
}

/** Turns a zod error into a field-level ServiceError ("invalid"). */
export function fromZodError(error: ZodError, prefix = 'The request is invalid'): ServiceError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    if (!fields[key]) fields[key] = issue.message;
  }
  const summary = Object.entries(fields)
    .slice(0, 3)
    .map(([k, m]) => (k === '_' ? m : `${k}: ${m}`))
    .join('; ');
  return new ServiceError('invalid', `${prefix}: ${summary}`, { fields });
}
