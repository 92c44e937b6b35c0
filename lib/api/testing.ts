import { randomBytes } from 'node:crypto';
import type { Database } from '@/db/client';
import { useDatabaseForTests } from '@/db';
import { testPassword } from '@/db/testing';
import { authFor } from '@/lib/auth';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';

/** Wires route handlers to a test database and a throw-away key ring. */
export function useTestApp(d: Database, key: Buffer = randomBytes(32)) {
  setKeyRingForTests(new KeyRing([key]));
  useDatabaseForTests(d);
  return key;
}

/** Signs in through better-auth for real and returns the session cookie header. */
export async function sessionCookie(d: Database, email: string, password = testPassword): Promise<string> {
  const res = await authFor(d.db).api.signInEmail({ body: { email, password }, asResponse: true });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  return cookies.join('; ');
}
