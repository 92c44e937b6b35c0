import { clientAddress, clientAddressHeader } from '@/lib/http/client-address';
import { getAuth } from './index';
import { recordSignIn, signInWait } from './sign-in-guard';

/**
 * Every /api/auth/* request: the client address is decided once (clientAddress) and handed
 * to better-auth in a header of our own, replacing any client-sent copy, so its rate limit
 * and session records see the same address as the audit log. Email sign-in goes through
 * the per-account backoff first.
 */
export async function handleAuthRequest(req: Request): Promise<Response> {
  const auth = await getAuth();
  const address = clientAddress(req.headers);
  const headers = new Headers(req.headers);
  headers.delete(clientAddressHeader);
  if (address) headers.set(clientAddressHeader, address);
  const url = new URL(req.url);
  if (req.method !== 'POST' || !url.pathname.endsWith('/sign-in/email')) {
    return withoutTokens(await auth.handler(new Request(req, { headers })));
  }
  const text = await req.text();
  const email = emailOf(text);
  if (email) {
    const wait = signInWait(email, address);
    if (wait > 0) {
      const retryAfter = Math.ceil(wait / 1000);
      return Response.json(
        { code: 'TOO_MANY_ATTEMPTS', message: `Too many failed sign-ins for this account from your address. Try again in ${retryAfter} s.` },
        { status: 429, headers: { 'retry-after': String(retryAfter) } },
      );
    }
  }
  const res = await auth.handler(new Request(req.url, { method: 'POST', headers, body: text }));
  if (email && (res.status === 401 || res.ok)) recordSignIn(email, address, res.ok);
  return withoutTokens(res);
}

/**
 * The session token travels only in its HttpOnly cookie. better-auth also puts it in the
 * JSON of sign-in, get-session and list-sessions, where page scripts could read it; the
 * console needs none of these copies, so they are removed from every answer.
 */
export async function withoutTokens(res: Response): Promise<Response> {
  if (!res.headers.get('content-type')?.includes('application/json')) return res;
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  }
  const strip = (v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      delete (v as Record<string, unknown>).token;
      strip((v as Record<string, unknown>).session);
    }
  };
  if (Array.isArray(body)) body.forEach(strip);
  else strip(body);
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: res.status, statusText: res.statusText, headers });
}

function emailOf(text: string): string | undefined {
  try {
    const email = (JSON.parse(text) as { email?: unknown }).email;
    return typeof email === 'string' && email.length <= 320 ? email : undefined;
  } catch {
    return undefined;
  }
}
