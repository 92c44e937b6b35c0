import { redirect } from 'next/navigation';
import { headers } from 'next/headers';
import { getDb } from '@/db';
import { sessionUser } from '@/lib/auth';
import type { ServiceContext } from '@/lib/services/context';
import { hasAnyUser } from '@/lib/services/users/setup-first-admin';
import { signInUrl } from './request-path';

/**
 * For server components: the signed-in user's service context. Without a session it
 * redirects to sign-in, which returns to the page asked for (or to first-run setup when no
 * account exists yet).
 */
export async function consoleContext(): Promise<ServiceContext & { user: { id: string; email: string; name: string } }> {
  const db = await getDb();
  const h = new Headers(await headers());
  const user = await sessionUser(db, h);
  if (!user) {
    const ctx: ServiceContext = { db, actor: { type: 'anonymous' } };
    redirect((await hasAnyUser(ctx)) ? signInUrl(h) : '/setup');
  }
  return { db, actor: { type: 'user', userId: user.id, email: user.email, via: 'console' }, user };
}
