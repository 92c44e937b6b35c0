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

/** The registry an `auths` key of a Docker config names: `https://index.docker.io/v1/` → docker.io. */
export function dockerConfigHost(key: string): string {
  return normalizeDomain(bareHost(key));
}
