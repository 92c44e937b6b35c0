import { testConnection } from '@/lib/oci/client';

export type TestStatus = 'ok' | 'failed' | 'unverifiable';

export interface ConnectionCheck {
  ok: boolean;
  status: TestStatus;
  message: string;
  checkedAt: Date;
}

/**
 * Test connection: ping + sign-in + (with an image) pull access. A vendor-specific
 * registry is reached without credentials, since its access belongs to the data plane:
 * we say so rather than pretend.
 */
export async function checkConnection(r: { host: string; authType: string; insecure: boolean; username?: string | null; password?: string; image?: string }): Promise<ConnectionCheck> {
  const checkedAt = new Date();
  const credentials = r.username && r.password ? { username: r.username, password: r.password } : undefined;
  const result = await testConnection({ host: r.host, credentials, image: r.authType === 'vendor' ? undefined : r.image, insecure: r.insecure, connectTimeoutMs: 5000, timeoutMs: 15000 });
  if (r.authType === 'vendor') {
    const reachable = result.ok || ['credentials_required', 'credentials_rejected', 'no_pull_access'].includes(result.reason ?? '');
    return reachable
      ? { ok: false, status: 'unverifiable', checkedAt, message: `${r.host} is reachable. Pull access comes from the data plane's own identity (node role, managed identity) and cannot be verified from the control plane.` }
      : { ok: false, status: 'failed', checkedAt, message: result.message };
  }
  return { ok: result.ok, status: result.ok ? 'ok' : 'failed', message: result.message, checkedAt };
}
