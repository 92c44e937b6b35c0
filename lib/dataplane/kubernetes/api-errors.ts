/** Turns errors from the Kubernetes client into short, secret-free sentences. */

export interface DescribedError {
  message: string;
  /** Retrying later may succeed: network trouble, server errors, rate limits. */
  transient: boolean;
  /** HTTP status, when the API server answered. */
  status?: number;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not match its address',
};

const TLS_CODES = new Set(Object.keys(NETWORK_CODES).filter((c) => /CERT|SIGNATURE/.test(c)));

/** The message of a Kubernetes `Status` body, when `body` is one (as text or parsed). */
function statusMessage(body: unknown): string | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const message = (value as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : undefined;
}

function errorCode(e: unknown): string | undefined {
  let cur = e as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined;
  for (let i = 0; i < 5 && cur; i++) {
    // The egress policy's refusal reads like a refused connection (lib/net/egress.ts): it is no scanner; the log says why.
    if (cur.code === 'EGRESS_REFUSED') return 'ECONNREFUSED';
    if (typeof cur.code === 'string') return cur.code;
    cur = (cur.cause ?? cur.errors?.[0]) as typeof cur;
  }
  return undefined;
}

export function describeApiError(e: unknown): DescribedError {
  const err = e as { code?: unknown; body?: unknown; message?: unknown; name?: unknown };
  if (typeof err?.code === 'number' && err.code >= 100) {
    const status = err.code;
    const detail = statusMessage(err.body) ?? `HTTP ${status}`;
    if (status === 401) return { status, transient: false, message: `the API server rejected the credentials (${detail})` };
    if (status === 403) return { status, transient: false, message: `the credentials lack permission: ${detail}` };
    return { status, transient: status === 429 || status >= 500, message: detail };
  }
  const code = errorCode(e);
  if (code && NETWORK_CODES[code]) return { transient: !TLS_CODES.has(code), message: `${NETWORK_CODES[code]} (${code})` };
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') return { transient: true, message: 'the request timed out' };
  const text = typeof err?.message === 'string' ? err.message.split('\n')[0] : String(e);
  return { transient: /fetch failed|socket|network|timed? ?out/i.test(text), message: code ? `${text} (${code})` : text };
}
