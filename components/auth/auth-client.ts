'use client';

/** Signs in through better-auth's email endpoint; the session cookie comes back with the answer. */
export async function signIn(email: string, password: string): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const res = await fetch('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.ok) return { ok: true };
    if (res.status === 401) return { ok: false, message: 'The email or password is incorrect.' };
    if (res.status === 429) return { ok: false, message: 'Too many attempts. Wait a minute and try again.' };
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    return { ok: false, message: body.message ?? 'Signing in failed. Try again.' };
  } catch {
    return { ok: false, message: 'Could not reach Gantry. Check your connection and try again.' };
  }
}

/** Ends the session and loads a page afresh (clearing every client cache). */
export async function signOut(then = '/sign-in') {
  await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => undefined);
  window.location.assign(then);
}
