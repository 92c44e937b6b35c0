/** "Test connection": reachable, credentials accepted, pull access to one image — answered, never thrown. */
import { ServiceError, type ErrorCode } from '@/lib/errors';
import type { EgressPolicy } from '@/lib/net/egress';
import { registryErrorReason } from './errors';
import { DOCKER_HUB_DOMAIN, hasExplicitDomain, normalizeDomain, parseImageReference, type ImageReference } from './reference';
import { RegistryClient } from './registry-client';
import type { Credentials, RegistryErrorReason } from './types';

export interface TestConnectionInput {
  /** Registry host: "registry.example.com", "127.0.0.1:5000", "docker.io", optionally with https:// */
  host: string;
  credentials?: Credentials;
  /** Image or repository to check pull access for: "team/app", "team/app:1.0", or a full reference on `host`. */
  image?: string;
  insecure?: boolean;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  egress?: EgressPolicy;
}

export interface TestConnectionResult {
  ok: boolean;
  message: string;
  /** ServiceError code of the failure. */
  code?: ErrorCode;
  reason?: RegistryErrorReason;
  /** Resolved digest when an image with a tag or digest was checked. */
  digest?: string;
}

/** Parses `image` as a reference on `host`, accepting "repo", "repo:tag" or "host/repo:tag". */
function imageOnHost(host: string, image: string): ImageReference {
  const trimmed = image.trim();
  if (hasExplicitDomain(trimmed)) {
    const ref = parseImageReference(trimmed);
    if (normalizeDomain(ref.domain).toLowerCase() !== normalizeDomain(host).toLowerCase()) {
      throw ServiceError.invalid(`The image ${ref.familiar()} belongs to registry ${ref.domain}, not ${host}.`, { image: 'other registry' });
    }
    return ref;
  }
  if (normalizeDomain(host) === DOCKER_HUB_DOMAIN) return parseImageReference(trimmed);
  return parseImageReference(`${host}/${trimmed}`);
}

/**
 * Checks a registry connection the way a person would: reachable, credentials
 * accepted, and (when `image` is given) pull access to it. Never throws for
 * registry problems; the message says what is wrong and what to do.
 */
export async function testConnection(input: TestConnectionInput): Promise<TestConnectionResult> {
  try {
    const client = new RegistryClient(input.host, {
      credentials: input.credentials,
      insecure: input.insecure,
      connectTimeoutMs: input.connectTimeoutMs,
      timeoutMs: input.timeoutMs,
      signal: input.signal,
      egress: input.egress,
    });
    const ref = input.image?.trim() ? imageOnHost(client.host, input.image) : undefined;
    const ping = await client.checkCredentials();
    const who =
      ping.scheme === 'none'
        ? `Connected to ${client.host} (no sign-in required)`
        : client.hasCredentials
          ? `Signed in to ${client.host} as ${input.credentials!.username}`
          : `Connected to ${client.host} anonymously`;
    if (!ref) return { ok: true, message: `${who}.` };
    if (ref.explicitTag || ref.digest) {
      const r = await client.resolve(ref.path, ref.manifestReference);
      return { ok: true, message: `${who}; ${ref.familiar()} can be pulled (${r.digest}).`, digest: r.digest };
    }
    const tags = await client.listTags(ref.path, { pageSize: 1, max: 1 });
    return {
      ok: true,
      message: `${who}; ${ref.path} can be pulled${tags.length ? '' : ' (it has no tags yet)'}.`,
    };
  } catch (e) {
    if (e instanceof ServiceError) {
      return { ok: false, message: e.message, code: e.code, reason: registryErrorReason(e) };
    }
    if (input.signal?.aborted) return { ok: false, message: 'The connection test was cancelled.', code: 'unavailable' };
    return { ok: false, message: 'The connection test failed unexpectedly.', code: 'internal' };
  }
}
