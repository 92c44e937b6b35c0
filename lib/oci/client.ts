/**
 * The distribution (registry) client's public face. It is split by concern: types.ts,
 * errors.ts (ServiceErrors with a reason), endpoint.ts (hosts and schemes), token-cache.ts,
 * transport.ts (HTTP plumbing), registry-client.ts (RegistryClient and the helpers on image
 * references) and connection-test.ts; import from here (or lib/oci) as before.
 */
export {
  MEDIA_TYPES,
  type Credentials,
  type RegistryClientOptions,
  type RegistryErrorReason,
  type AuthScheme,
  type PingResult,
  type ResolvedManifest,
  type ExposedPort,
  type Platform,
  type ImageConfigResult,
  type ListOptions,
} from './types';
export { registryErrorReason, parseRetryAfter, unreachable } from './errors';
export { isLoopbackHost, resolveEndpoint, type RegistryEndpoint } from './endpoint';
export { tokenCache, clearTokenCache } from './token-cache';
export { RegistryClient, parseExposedPorts, createRegistryClient, resolveImageDigest, getImageConfig, listTags } from './registry-client';
export { testConnection, type TestConnectionInput, type TestConnectionResult } from './connection-test';
