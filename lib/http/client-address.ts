import net from 'node:net';
import { config } from '@/lib/config';
import { addressMatcher, normaliseAddress } from '@/lib/net/address';

/**
 * The TCP peer's address, stamped by our own server (scripts/start.mjs, the test route
 * server) on every request, replacing anything a client sent under that name. Route
 * handlers cannot see the socket otherwise.
 */
export const peerHeader = 'x-gantry-peer';

/** The header lib/auth/handler.ts hands better-auth the decided address in (its advanced.ipAddress), replacing any client copy. */
export const clientAddressHeader = 'x-gantry-client-address';

let matcher: { entries: readonly string[]; match: (a: string) => boolean } | undefined;

function trustedProxy(address: string): boolean {
  const entries = config().GANTRY_TRUSTED_PROXIES;
  if (matcher?.entries !== entries) matcher = { entries, match: addressMatcher(entries) };
  return matcher.match(address);
}

/**
 * The one answer to "who is calling from where", for rate limits and the audit log.
 * X-Forwarded-For counts only when the peer is a configured proxy
 * (GANTRY_TRUSTED_PROXIES): the chain is walked from the right, skipping trusted hops,
 * and the first untrusted address is the client. Without a stamped peer (`next dev`,
 * handlers called in-process) the address is unknown.
 */
export function clientAddress(headers: Headers): string | undefined {
  const peer = headers.get(peerHeader);
  if (!peer || !net.isIP(normaliseAddress(peer))) return undefined;
  let client = normaliseAddress(peer);
  if (!trustedProxy(client)) return client;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((h) => normaliseAddress(h)).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    // A malformed hop means the chain cannot be read past it: the last good address stands.
    if (!net.isIP(hops[i])) return client;
    client = hops[i];
    if (!trustedProxy(client)) return client;
  }
  return client;
}
