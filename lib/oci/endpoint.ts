/** Hosts and schemes: where a registry named by a person is reached, and when plain HTTP is allowed. */
import { ServiceError } from '@/lib/errors';
import { fail } from './errors';
import { hostnameOf, isLoopbackHost } from '@/lib/registries/registry-host';
import { normalizeDomain, referenceGrammar, registryApiHost } from './reference';

export { isLoopbackHost };

export interface RegistryEndpoint {
  /** Registry as people name it ("docker.io", "127.0.0.1:5000"). */
  host: string;
  /** host[:port] serving the API. */
  apiHost: string;
  /** "https://host" or "http://host". */
  baseUrl: string;
}

/**
 * Normalises a registry host given by a person: "127.0.0.1:5000",
 * "https://ghcr.io", "docker.io" (→ API host registry-1.docker.io).
 * Loopback hosts use plain HTTP unless "https://" is written; other hosts
 * use HTTPS unless `insecure` is set.
 */
export function resolveEndpoint(input: string, opts: { insecure?: boolean } = {}): RegistryEndpoint {
  let s = (input ?? '').trim();
  let scheme: 'http' | 'https' | undefined;
  const m = /^(https?):\/\//i.exec(s);
  if (m) {
    scheme = m[1].toLowerCase() as 'http' | 'https';
    s = s.slice(m[0].length);
  }
  s = s.replace(/\/+$/, '');
  if (s.endsWith('/v2')) s = s.slice(0, -3);
  if (!s) throw ServiceError.invalid('The registry host is empty; enter a host such as registry.example.com or 127.0.0.1:5000.', { host: 'required' });
  if (s.includes('/') || !referenceGrammar.domain.test(s)) {
    throw ServiceError.invalid(
      `"${s.slice(0, 100)}" is not a valid registry host; enter a host name or IP address with an optional port, e.g. registry.example.com or 127.0.0.1:5000.`,
      { host: 'invalid' },
    );
  }
  const host = normalizeDomain(s);
  const apiHost = registryApiHost(host);
  const loopback = isLoopbackHost(hostnameOf(apiHost));
  if (!scheme) scheme = loopback || opts.insecure ? 'http' : 'https';
  if (scheme === 'http' && !loopback && !opts.insecure) {
    throw fail(
      'invalid',
      'insecure_not_allowed',
      `Plain HTTP is only used for registries on this machine; ${host} must be reached over HTTPS. Use https://, or mark the registry as insecure if it really has no TLS.`,
    );
  }
  return { host, apiHost, baseUrl: `${scheme}://${apiHost}` };
}
