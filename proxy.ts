import { NextResponse, type NextRequest } from 'next/server';
import { REQUEST_PATH_HEADER } from '@/lib/console/request-path';

/**
 * Tells the console's server components which page was asked for, so that a visitor without a
 * session is sent to sign-in with `?next=` and comes back to it (lib/console/session.ts). The
 * header is set here from the request URL, never taken from the client (a sent one is replaced).
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/', '/o/:path*', '/orgs/:path*'] };
