/**
 * What a registry host means, in one place: Docker Hub's aliases, the API host behind them,
 * ECR hosts, and the host part of what people type or paste. Pure (no Node imports): the
 * registry form in the browser uses it as well as the OCI client and the services.
 */

/** Canonical domain for Docker Hub images. */
export const DOCKER_HUB_DOMAIN = 'docker.io';
/** Host that actually serves Docker Hub's registry API. */
export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';
/** Domains that all mean Docker Hub; normalised to docker.io. */
export const DOCKER_HUB_ALIASES: readonly string[] = ['docker.io', 'index.docker.io', 'registry.hub.docker.com', 'registry.docker.com', 'registry-1.docker.io'];

const ecrHost = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** Maps Docker Hub aliases to "docker.io"; other domains unchanged. */
export function normalizeDomain(domain: string): string {
  return DOCKER_HUB_ALIASES.includes(domain.toLowerCase()) ? DOCKER_HUB_DOMAIN : domain;
}

/** The host[:port] that serves the registry API for a (normalised or alias) domain. */
export function registryApiHost(domain: string): string {
  return normalizeDomain(domain) === DOCKER_HUB_DOMAIN ? DOCKER_HUB_API_HOST : domain;
}

/** True for Docker Hub under any of its names. */
export function isDockerHub(host: string): boolean {
  return normalizeDomain(host) === DOCKER_HUB_DOMAIN;
}

/** An AWS ECR private registry host (12-digit account). */
export function isEcrHost(host: string): boolean {
  return ecrHost.test(host.toLowerCase());
}

/** The host part of what was typed or pasted: no scheme, no path, lower case ("https://Index.docker.io/v1/" → "index.docker.io"). */
export function bareHost(typed: string): string {
  return typed
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/\/.*$/, '');
}

/** The host name of "host[:port]" ("127.0.0.1:5000" → "127.0.0.1", "[::1]:5000" → "[::1]"). */
export function hostnameOf(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
}

/** True for 127.0.0.0/8, localhost (and *.localhost) and ::1: the hosts plain HTTP is used for without asking. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Whether the first component of an image reference names a registry (Docker's rule: a dot, a port, localhost, or upper case). */
export function looksLikeRegistryHost(component: string): boolean {
  return component === 'localhost' || component.includes('.') || component.includes(':') || component.toLowerCase() !== component;
}

/** The registry host an image reference names; docker.io when it names none ("nginx:1.27", "team/app"). */
export function imageRegistryHost(image: string): string {
  const slash = image.indexOf('/');
  return slash > 0 && looksLikeRegistryHost(image.slice(0, slash)) ? image.slice(0, slash) : DOCKER_HUB_DOMAIN;
}

/** The registry an `auths` key of a Docker config names: `https://index.docker.io/v1/` → docker.io. */
export function dockerConfigHost(key: string): string {
  return normalizeDomain(bareHost(key));
}
