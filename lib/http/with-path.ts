import { ServiceError } from '@/lib/errors';

/** A JSON object body with the route's path identifiers on top (the path wins over the body). */
export function withPath<P extends object>(body: unknown, path: P): Record<string, unknown> & P {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw ServiceError.invalid('The request body must be a JSON object.');
  return { ...(body as Record<string, unknown>), ...path };
}
