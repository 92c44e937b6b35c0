import { safeNext } from './safe-next';

/** Set by proxy.ts on console page requests: the path (and query) that was asked for. */
export const REQUEST_PATH_HEADER = 'x-gantry-request-path';

/** Where sign-in sends a visitor without a session: back to the page they asked for (same-origin paths only). */
export function signInUrl(headers: Headers): string {
  const next = safeNext(headers.get(REQUEST_PATH_HEADER));
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}
