import { ServiceError } from '@/lib/errors';
import { isUuid } from '@/lib/services/validation';

/**
 * Path parameters that can never name a row answer 404 before any query runs: a NUL byte
 * anywhere (Postgres cannot compare it), and an `id` that is not a UUID (the column's type
 * would reject it). Query parameters with a NUL byte are refused as invalid.
 */
export function assertUsableRequest(params: unknown, query: URLSearchParams): void {
  for (const [key, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string' || value === '') continue;
    if (value.includes('\u0000') || (key === 'id' && !isUuid(value))) throw new ServiceError('not_found', 'Nothing was found at this address.');
  }
  for (const [key, value] of query) {
    if (key.includes('\u0000') || value.includes('\u0000')) {
      throw ServiceError.invalid('Query parameters may not contain NUL (\\u0000) characters.', { [key.replace(/\u0000/g, '')]: 'May not contain NUL characters.' });
    }
  }
}
