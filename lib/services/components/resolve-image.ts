import { ServiceError } from '@/lib/errors';
import { getImageConfig, resolveImageDigest } from '@/lib/oci/client';
import { normalizeDomain, parseImageReference, type ImageReference } from '@/lib/oci/reference';
import type { RegistryWithCredentials } from '../registries/registry-credentials';

/**
 * Parses a full image URL, checks that it lives on the chosen registry, and resolves it
 * against that registry (tag → digest, plus the image's exposed ports).
 */
export async function resolveImage(registry: RegistryWithCredentials, image: string, opts: { withConfig?: boolean } = {}) {
  const ref = parseOnRegistry(registry, image);
  try {
    return await resolveOnRegistry(registry, ref, opts);
  } catch (e) {
    // The registry's answer (missing tag, no pull access, unreachable) is about the image field.
    if (e instanceof ServiceError && !e.details?.fields) throw new ServiceError(e.code, e.message, { ...e.details, fields: { image: e.message } });
    throw e;
  }
}

async function resolveOnRegistry(registry: RegistryWithCredentials, ref: ImageReference, opts: { withConfig?: boolean }) {
  const client = { credentials: registry.credentials, insecure: registry.insecure, connectTimeoutMs: 5000, timeoutMs: 20000 };
  if (!opts.withConfig) {
    // Deploys need only the digest: one HEAD request.
    const resolved = await resolveImageDigest(ref, client);
    return { ref, digest: resolved.digest, exposedPorts: [] };
  }
  const config = await getImageConfig(ref, client);
  return { ref, digest: config.digest, exposedPorts: config.exposedPorts.filter((p) => p.protocol !== 'sctp') };
}

export function parseOnRegistry(registry: { host: string; displayName: string }, image: string): ImageReference {
  let ref: ImageReference;
  try {
    ref = parseImageReference(image.trim());
  } catch (e) {
    if (e instanceof ServiceError) throw ServiceError.invalid(e.message, { image: e.message });
    throw e;
  }
  if (normalizeDomain(ref.domain) !== normalizeDomain(registry.host)) {
    const message = `The image is on ${ref.domain}, but the registry "${registry.displayName}" is ${registry.host}. Use an image URL that starts with ${registry.host}/ or pick the matching registry.`;
    throw ServiceError.invalid(message, { image: message });
  }
  return ref;
}

/** Repository without tag or digest, as stored on the component ("127.0.0.1:5000/team/hello", "docker.io/library/nginx"). */
export function repositoryOf(ref: ImageReference): string {
  return ref.name;
}
