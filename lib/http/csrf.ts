import { config } from '@/lib/config';
import { ServiceError } from '@/lib/errors';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origins the console itself is served from: the configured base URL and its loopback aliases. */
export function consoleOrigins(): string[] {
  const c = config();
  return [...new Set([new URL(c.baseUrl).origin, `http://127.0.0.1:${c.PORT}`, `http://localhost:${c.PORT}`])];
}

/** A request whose credential is the cookie a browser attaches on its own: no bearer credential, a cookie. */
export function isCookieRequest(headers: Headers): boolean {
  return !headers.has('authorization') && !!headers.get('cookie');
}

/**
 * Cross-site request forgery guard for cookie-authenticated calls. SameSite=Lax does not
 * help against pages on the same site (another port of this host, where the apps Gantry
 * deploys are published, or a sibling subdomain), so an unsafe method must come from the
 * console's own Origin (a missing Origin is refused), and a body must be JSON, which a
 * page of another origin cannot send without a CORS preflight we never answer.
 * Bearer credentials (API keys, CI tokens) are never sent by a browser on its own.
 */
export function assertSameOriginWrite(req: Request): void {
  if (!isCookieRequest(req.headers)) return;
  if (hasBody(req) && !isJson(req.headers.get('content-type'))) {
    throw new ServiceError('unsupported_media_type', 'Send the request body as JSON with "Content-Type: application/json".');
  }
  if (!unsafe.has(req.method.toUpperCase())) return;
  const origin = req.headers.get('origin');
  if (!origin || !sameOrigin(origin, req.headers)) {
    throw new ServiceError('forbidden', 'This request did not come from the Gantry console. Use an API key ("Authorization: Bearer gak_…") for scripts.');
  }
}

function sameOrigin(origin: string, headers: Headers): boolean {
  if (origin === 'null') return false;
  if (consoleOrigins().includes(origin)) return true;
  // The console reached under another name (a LAN address): the Origin names the host the
  // browser connected to, which is the Host it sent. A foreign page's Origin never matches it.
  const host = headers.get('host');
  try {
    const u = new URL(origin);
    return !!host && (u.protocol === 'http:' || u.protocol === 'https:') && u.host === host.toLowerCase();
  } catch {
    return false;
  }
}

function hasBody(req: Request): boolean {
  const length = req.headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return req.body !== null;
}

function isJson(contentType: string | null): boolean {
  return !!contentType && /^application\/json\s*(;|$)/i.test(contentType.trim());
}
