/**
 * The egress policy (lib/net/egress.ts) applied to a `git` child process, which does its own
 * DNS and connects by itself: we resolve the host here, keep only the addresses the policy
 * allows (the same `addressAllowed` rule as `policyLookup`), and pin git to the first of them
 * with `http.curloptResolve` — so a name cannot resolve to an allowed address for the check and
 * to a forbidden one for the connection. Redirects are refused (./run-git.ts), so the pinned
 * host is the only one git talks to.
 *
 * Plain http: allowed only when the pinned address is loopback and the policy allows loopback
 * (a Git server on the same machine, as in the tests). Anything else must be https.
 */
import dns from 'node:dns/promises';
import { isIP } from 'node:net';
import { ServiceError } from '@/lib/errors';
import { addressAllowed, classifyAddress, type EgressPolicy } from '@/lib/net/egress';
import { logger } from '@/lib/logger';

export interface PinnedRemote {
  url: string;
  protocol: 'https' | 'http';
  /** The `http.curloptResolve` entry, "host:port:address" (undefined for a literal address). */
  resolve?: string;
  address: string;
}

const unreachable = () => new ServiceError('unavailable', 'Could not connect to the repository host. Check the URL; hosts on private networks need GANTRY_EGRESS_ALLOW.', { fields: { url: 'Could not connect to this host.' } });

export async function pinRemote(url: string, policy: EgressPolicy): Promise<PinnedRemote> {
  const u = new URL(url);
  const protocol = u.protocol === 'https:' ? 'https' : 'http';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = u.port || (protocol === 'https' ? '443' : '80');
  let candidates: string[];
  if (isIP(host)) candidates = [host];
  else {
    try {
      candidates = (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new ServiceError('unavailable', 'The repository host name does not resolve. Check the URL.', { fields: { url: 'This host name does not resolve.' } });
    }
  }
  const allowed = candidates.filter((a) => addressAllowed(a, policy));
  if (!allowed.length) {
    logger.warn({ host, addresses: candidates.map((a) => `${a} (${classifyAddress(a)})`) }, 'git source refused by the egress policy (GANTRY_EGRESS_ALLOW)');
    throw unreachable();
  }
  const address = allowed[0];
  if (protocol === 'http' && classifyAddress(address) !== 'loopback') {
    throw ServiceError.invalid('Only https:// repository URLs are supported (plain http is accepted only for a Git server on this machine).', { url: 'Use an https:// URL.' });
  }
  const resolve = isIP(host) ? undefined : `${host}:${port}:${isIP(address) === 6 ? `[${address}]` : address}`;
  return { url, protocol, resolve, address };
}
