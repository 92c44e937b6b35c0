/** The public types of the distribution client (lib/oci/client.ts re-exports them). */
import type { EgressPolicy } from '@/lib/net/egress';

export type Credentials = { username: string; password: string } | undefined;

export interface RegistryClientOptions {
  credentials?: Credentials;
  /** Allow plain HTTP to a non-loopback host. */
  insecure?: boolean;
  /** Time allowed until the response headers of one request arrive (connect + first byte). Default 10 s. */
  connectTimeoutMs?: number;
  /** Time allowed for one request including its body. Default 30 s. */
  timeoutMs?: number;
  /** Cancels everything the client is doing. */
  signal?: AbortSignal;
  userAgent?: string;
  /** Which address ranges may be reached; default: the operator's GANTRY_EGRESS_ALLOW (lib/net/egress). */
  egress?: EgressPolicy;
}

export type RegistryErrorReason =
  | 'credentials_rejected'
  | 'credentials_required'
  | 'no_pull_access'
  | 'repository_not_found'
  | 'manifest_not_found'
  | 'platform_not_found'
  | 'rate_limited'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'network'
  | 'not_a_registry'
  | 'registry_error'
  | 'token_service_error'
  | 'insecure_not_allowed'
  | 'invalid_response';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

/** What the client asks for when it reads a manifest. */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerList,
  MEDIA_TYPES.dockerManifest,
].join(', ');

export type AuthScheme = 'none' | 'basic' | 'bearer';

export interface PingResult {
  scheme: AuthScheme;
  /** Bearer realm / service, when the registry uses token auth. */
  realm?: string;
  service?: string;
}

export interface ResolvedManifest {
  /** Manifest digest ("sha256:…") of what the reference points at (an index for multi-arch images). */
  digest: string;
  mediaType: string;
  size?: number;
}

export interface ExposedPort {
  port: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface ImageConfigResult {
  /** Digest of the manifest the reference resolves to (index or single manifest): what to pin. */
  digest: string;
  mediaType: string;
  /** Digest of the platform-specific image manifest (equals `digest` for single-platform images). */
  manifestDigest: string;
  configDigest: string;
  platform: Platform;
  exposedPorts: ExposedPort[];
  env: string[];
  entrypoint: string[] | null;
  cmd: string[] | null;
  workingDir?: string;
  user?: string;
  labels: Record<string, string>;
}

export interface ListOptions {
  /** Page size sent as `n` (the registry may ignore it). */
  pageSize?: number;
  /** Stop after this many entries (default 10 000). */
  max?: number;
}
