/**
 * Registry failures as ServiceErrors a person can act on: each carries a `reason`
 * (RegistryErrorReason), and no message holds a credential, a token or a raw engine text.
 */
import { ServiceError, type ErrorCode } from '@/lib/errors';
import type { RegistryErrorReason } from './types';

export function fail(code: ErrorCode, reason: RegistryErrorReason, message: string, extra: Record<string, unknown> = {}): ServiceError {
  return new ServiceError(code, message, { reason, ...extra });
}

/** The `reason` a registry ServiceError carries, if any. */
export function registryErrorReason(e: unknown): RegistryErrorReason | undefined {
  if (e instanceof ServiceError && typeof e.details?.reason === 'string') return e.details.reason as RegistryErrorReason;
  return undefined;
}

export interface RegistryErrorBody {
  code?: string;
  message?: string;
}

export function parseErrorBody(text: string): RegistryErrorBody[] {
  try {
    const j = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(j.errors)) {
      return j.errors
        .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
        .map((x) => ({
          code: typeof x.code === 'string' ? x.code.toUpperCase() : undefined,
          message: typeof x.message === 'string' ? x.message : undefined,
        }));
    }
  } catch {
    /* not JSON */
  }
  return [];
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.ceil((t - now) / 1000));
}

export function sanitize(s: string | undefined, max = 200): string {
  if (!s) return '';
  // Registry messages are shown for context only: one line, bounded, no bearer-like blobs.
  return s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{10,}/g, '[token]')
    .slice(0, max)
    .trim();
}

export const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

export function networkError(e: unknown, host: string): ServiceError {
  const err = e as { message?: string; cause?: unknown };
  let cause = err?.cause as { code?: string; message?: string; errors?: unknown[] } | undefined;
  if (cause && Array.isArray(cause.errors) && cause.errors.length && !cause.code) {
    cause = cause.errors[0] as typeof cause;
  }
  const code = cause?.code ?? '';
  const detail = cause?.message ?? err?.message ?? String(e);
  // Refused, reset, unresolvable, unroutable, silent, or refused by the egress policy: one
  // text and one reason, so the test button cannot be used to map ports and networks.
  if (UNREACHABLE_CODES.has(code)) return unreachable(host);
  if (/wrong version number|packet length too long|ERR_SSL_WRONG_VERSION_NUMBER/i.test(`${code} ${detail}`)) {
    return fail('unavailable', 'tls', `The registry ${host} does not speak HTTPS on this port (TLS handshake failed). If it is a plain-HTTP registry, mark it as insecure.`);
  }
  if (
    /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/.test(code) ||
    /certificate|ssl|tls/i.test(detail)
  ) {
    let why = 'the TLS handshake failed';
    if (/SELF_SIGNED|self[- ]signed/i.test(`${code} ${detail}`)) why = 'its certificate is self-signed and not trusted';
    else if (/ALTNAME|HOSTNAME/i.test(code)) why = 'its certificate does not match the host name';
    else if (/EXPIRED/i.test(code)) why = 'its certificate has expired';
    else if (/UNABLE_TO_(GET_ISSUER|VERIFY)/i.test(code)) why = 'its certificate is signed by an unknown authority';
    return fail('unavailable', 'tls', `Could not open a secure connection to the registry ${host}: ${why}. Install a certificate from a trusted authority on the registry, or check the host name.`);
  }
  if (/bad port/i.test(detail)) {
    return fail('invalid', 'network', `The port of ${host} is blocked for HTTP clients (it belongs to another protocol). Use the registry's real port.`);
  }
  return unreachable(host);
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'EGRESS_REFUSED',
]);

/** The one answer for "no usable connection" (see networkError). */
export function unreachable(host: string): ServiceError {
  return fail(
    'unavailable',
    'unreachable',
    `Could not reach the registry ${host}. Check the host and port, that the registry is running, and that this server is allowed to connect to it.`,
  );
}
