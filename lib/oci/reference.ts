/**
 * Image reference parsing and normalisation.
 *
 * Follows the grammar of github.com/distribution/reference (the grammar Docker,
 * containerd and podman accept):
 *
 *   reference        := name [ ":" tag ] [ "@" digest ]
 *   name             := [domain '/'] remote-name
 *   domain           := host [':' port-number]
 *   host             := domain-name | IPv4address | \[ IPv6address \]
 *   domain-name      := domain-component ['.' domain-component]*
 *   domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 *   port-number      := /[0-9]+/
 *   path-component   := alpha-numeric [separator alpha-numeric]*
 *   path             := path-component ['/' path-component]*
 *   alpha-numeric    := /[a-z0-9]+/
 *   separator        := /[_.]|__|[-]+/
 *   tag              := /[\w][\w.-]{0,127}/
 *   digest           := algorithm ":" hex
 *   algorithm        := component [ [-_+.] component ]*, component = [A-Za-z][A-Za-z0-9]*
 *   hex              := [0-9a-fA-F]{32,}  (sha256: exactly 64 lowercase hex)
 *
 * Normalisation follows the "familiar name" rules of Docker: the first
 * path component is a registry domain when it contains "." or ":", is
 * "localhost", or contains uppercase letters; otherwise the image lives on
 * Docker Hub (canonical domain docker.io, API host registry-1.docker.io) and
 * single-segment names get the "library/" namespace.
 */
import { ServiceError } from '@/lib/errors';
import { DOCKER_HUB_DOMAIN, looksLikeRegistryHost, normalizeDomain, registryApiHost } from '@/lib/registries/registry-host';

// ---------------------------------------------------------------------------
// Grammar building blocks (regular-expression sources, unanchored)

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const identifierPat = '[a-f0-9]{64}';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const hostPat = `(?:${domainName}|${ipv6address})`;
const domainAndPort = `${hostPat}${optionalPort}`;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const anchored = (s: string) => new RegExp(`^${s}$`);

/**
 * Anchored regular expressions of the grammar, exported for tests and for
 * callers that need to validate a single component (a tag typed in a form…).
 */
export const referenceGrammar = {
  /** host[:port] */
  domain: anchored(domainAndPort),
  /** remote name (path) without domain */
  path: anchored(remoteName),
  /** optional domain + path; captures (domain, path) */
  name: anchored(`(?:(${domainAndPort})/)?(${remoteName})`),
  tag: anchored(tagPat),
  digest: anchored(digestPat),
  /** 64 lowercase hex characters: an image ID, not a name */
  identifier: anchored(identifierPat),
  /** full reference; captures (name, tag, digest) */
  reference: anchored(`(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?`),
} as const;

// ---------------------------------------------------------------------------
// Constants

// Docker Hub's names and the API host behind them live in the one registry-host module.
export { DOCKER_HUB_ALIASES, DOCKER_HUB_API_HOST, DOCKER_HUB_DOMAIN, normalizeDomain, registryApiHost } from '@/lib/registries/registry-host';
const OFFICIAL_REPO_PREFIX = 'library/';
export const DEFAULT_TAG = 'latest';
/** Maximum length of the repository path (without the domain). */
export const REPOSITORY_NAME_MAX_LENGTH = 255;
/** Inputs longer than this are rejected before any pattern matching. */
const INPUT_MAX_LENGTH = 1024;

/** Encoded length (hex chars) of the digest algorithms we can verify. */
const DIGEST_ALGORITHMS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

// ---------------------------------------------------------------------------
// Types

export interface ImageReference {
  /** Canonical registry domain as written (Docker Hub aliases → "docker.io"). */
  readonly domain: string;
  /** Host[:port] to talk to for the registry API ("registry-1.docker.io" for Docker Hub). */
  readonly apiHost: string;
  /** Repository path inside the registry, e.g. "library/nginx" or "team/hello". */
  readonly path: string;
  /** domain + "/" + path, e.g. "docker.io/library/nginx". */
  readonly name: string;
  /** The tag: as given, or "latest" when neither a tag nor a digest was given. */
  readonly tag?: string;
  /** True when the input named the tag itself (false when "latest" was implied). */
  readonly explicitTag: boolean;
  /** Digest as given (e.g. "sha256:…"), if any. */
  readonly digest?: string;
  /** What to ask the registry for: the digest when present, else the tag. */
  readonly manifestReference: string;
  /** Short name without tag/digest: "nginx", "team/app", "127.0.0.1:5000/x/y". */
  familiarName(): string;
  /** Short form as people type it: "nginx:latest", "team/app:1", "127.0.0.1:5000/x/y:1". */
  familiar(): string;
  /** Fully-qualified form: "docker.io/library/nginx:latest" (tag and digest kept). */
  canonical(): string;
  /** Fully-qualified reference pinned to a digest: "docker.io/library/nginx@sha256:…". */
  pinned(digest: string): string;
  /** Same as canonical(). */
  toString(): string;
}

// ---------------------------------------------------------------------------
// Helpers

/**
 * True when the input starts with an explicit registry domain
 * ("ghcr.io/x", "localhost/x", "127.0.0.1:5000/x"), false for Docker Hub
 * short names ("nginx", "team/app").
 */
export function hasExplicitDomain(input: string): boolean {
  const slash = input.indexOf('/');
  return slash > 0 && looksLikeRegistryHost(input.slice(0, slash));
}

const quote = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
const EXAMPLE = 'Use the form [registry/]repository[:tag][@sha256:digest], e.g. nginx:1.27 or registry.example.com/team/app:1.0.';

/** Validates a digest string; returns an error message or null. */
export function digestProblem(digest: string): string | null {
  if (!referenceGrammar.digest.test(digest)) {
    return `Digest ${quote(digest)} is not valid: expected an algorithm and hex value such as sha256: followed by 64 hexadecimal characters.`;
  }
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const expectedLength = DIGEST_ALGORITHMS[algorithm];
  if (expectedLength === undefined) {
    return `Digest algorithm ${quote(algorithm)} is not supported; use sha256 (or sha384/sha512).`;
  }
  if (encoded.length !== expectedLength) {
    return `Digest ${quote(digest)} is not valid: a ${algorithm} digest has exactly ${expectedLength} hexadecimal characters, this one has ${encoded.length}.`;
  }
  if (!/^[a-f0-9]+$/.test(encoded)) {
    return `Digest ${quote(digest)} is not valid: the hexadecimal part must be lowercase.`;
  }
  return null;
}

/** Validates a tag; returns an error message or null. */
export function tagProblem(tag: string): string | null {
  if (tag.length === 0) return 'The tag after ":" is empty; remove the ":" or give a tag such as 1.0.';
  if (tag.length > 128) return `Tag ${quote(tag)} is too long: tags have at most 128 characters.`;
  if (!referenceGrammar.tag.test(tag)) {
    return `Tag ${quote(tag)} is not valid: tags use letters, digits, "_", "." and "-", and cannot start with "." or "-".`;
  }
  return null;
}

function invalid(message: string): ServiceError {
  return ServiceError.invalid(message, { image: message });
}

// ---------------------------------------------------------------------------
// Parsing

class ParsedReference implements ImageReference {
  readonly apiHost: string;
  readonly name: string;
  readonly manifestReference: string;

  constructor(
    readonly domain: string,
    readonly path: string,
    readonly tag: string | undefined,
    readonly explicitTag: boolean,
    readonly digest: string | undefined,
  ) {
    this.apiHost = registryApiHost(domain);
    this.name = `${domain}/${path}`;
    this.manifestReference = digest ?? tag ?? DEFAULT_TAG;
  }

  private suffix(): string {
    return (this.tag ? `:${this.tag}` : '') + (this.digest ? `@${this.digest}` : '');
  }

  familiarName(): string {
    if (this.domain !== DOCKER_HUB_DOMAIN) return this.name;
    if (this.path.startsWith(OFFICIAL_REPO_PREFIX)) {
      const rest = this.path.slice(OFFICIAL_REPO_PREFIX.length);
      if (!rest.includes('/')) return rest;
    }
    return this.path;
  }

  familiar(): string {
    return this.familiarName() + this.suffix();
  }

  canonical(): string {
    return this.name + this.suffix();
  }

  pinned(digest: string): string {
    const problem = digestProblem(digest);
    if (problem) throw invalid(problem);
    return `${this.name}@${digest}`;
  }

  toString(): string {
    return this.canonical();
  }
}

/**
 * Parses an image reference as a person would type it ("nginx",
 * "team/app:1.0", "ghcr.io/org/app@sha256:…", "127.0.0.1:5000/x/y:tag") and
 * normalises it. Throws ServiceError("invalid") with an actionable message.
 */
export function parseImageReference(input: string): ImageReference {
  if (typeof input !== 'string') throw invalid(`The image reference is missing. ${EXAMPLE}`);
  const s = input.trim();
  if (s === '') throw invalid(`The image reference is empty. ${EXAMPLE}`);
  if (s.length > INPUT_MAX_LENGTH) {
    throw invalid(`The image reference is too long (${s.length} characters). ${EXAMPLE}`);
  }
  if (/\s/.test(s)) throw invalid(`The image reference ${quote(s)} contains whitespace. ${EXAMPLE}`);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(s);
  if (scheme) {
    throw invalid(
      `The image reference ${quote(s)} starts with "${scheme[1]}://"; remove the scheme and write registry/repository:tag, e.g. ${s.slice(scheme[0].length)}.`,
    );
  }
  if (referenceGrammar.identifier.test(s)) {
    throw invalid(
      `${quote(s)} looks like an image ID (64 hexadecimal characters), not an image name. Give the repository, e.g. repository@sha256:${s}.`,
    );
  }

  // Split off the domain ("familiar" names live on Docker Hub).
  let domain: string;
  let remainder: string;
  const slash = s.indexOf('/');
  if (slash < 0) {
    domain = DOCKER_HUB_DOMAIN;
    remainder = s;
  } else if (looksLikeRegistryHost(s.slice(0, slash))) {
    domain = s.slice(0, slash);
    remainder = s.slice(slash + 1);
    if (!referenceGrammar.domain.test(domain)) {
      throw invalid(
        `${quote(domain)} is not a valid registry host: use a host name or IP address with an optional port, e.g. registry.example.com:5000 or [::1]:5000.`,
      );
    }
    domain = normalizeDomain(domain);
  } else {
    domain = DOCKER_HUB_DOMAIN;
    remainder = s;
  }

  // remainder = path[:tag][@digest]
  let digest: string | undefined;
  const at = remainder.indexOf('@');
  let pathAndTag = remainder;
  if (at >= 0) {
    digest = remainder.slice(at + 1);
    pathAndTag = remainder.slice(0, at);
    if (digest === '') throw invalid(`The digest after "@" is empty in ${quote(s)}. Remove the "@" or give a digest such as sha256:<64 hex characters>.`);
    const problem = digestProblem(digest);
    if (problem) throw invalid(problem);
  }
  let path = pathAndTag;
  let tag: string | undefined;
  const colon = pathAndTag.indexOf(':');
  if (colon >= 0) {
    path = pathAndTag.slice(0, colon);
    tag = pathAndTag.slice(colon + 1);
    const problem = tagProblem(tag);
    if (problem) throw invalid(problem);
  }

  if (path === '') {
    throw invalid(`The image reference ${quote(s)} has no repository name. ${EXAMPLE}`);
  }
  if (path.toLowerCase() !== path) {
    throw invalid(
      `Repository name ${quote(path)} must be lowercase; use ${quote(path.toLowerCase())}.`,
    );
  }
  if (domain === DOCKER_HUB_DOMAIN && !path.includes('/')) path = OFFICIAL_REPO_PREFIX + path;
  if (!referenceGrammar.path.test(path)) {
    throw invalid(
      `Repository name ${quote(path)} is not valid: each "/"-separated part uses lowercase letters and digits, may contain single "." or "_", double "__" or dashes between them, and must start and end with a letter or digit.`,
    );
  }
  if (path.length > REPOSITORY_NAME_MAX_LENGTH) {
    throw invalid(
      `Repository name is too long (${path.length} characters); the maximum is ${REPOSITORY_NAME_MAX_LENGTH}.`,
    );
  }

  // Final guard: the assembled reference must match the full grammar.
  const assembled = `${domain}/${path}` + (tag !== undefined ? `:${tag}` : '') + (digest ? `@${digest}` : '');
  if (!referenceGrammar.reference.test(assembled)) {
    throw invalid(`The image reference ${quote(s)} is not valid. ${EXAMPLE}`);
  }

  const explicitTag = tag !== undefined;
  if (tag === undefined && digest === undefined) tag = DEFAULT_TAG;
  return new ParsedReference(domain, path, tag, explicitTag, digest);
}

/** Like parseImageReference, but returns null instead of throwing. */
export function tryParseImageReference(input: string): ImageReference | null {
  try {
    return parseImageReference(input);
  } catch {
    return null;
  }
}
