import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getDb } from '@/db';
import { sessionUser } from '@/lib/auth';
import { safeNext } from '@/lib/console/safe-next';
import { hasAnyUser } from '@/lib/services/users/setup-first-admin';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; email?: string | string[] }> }) {
  const query = await searchParams;
  const next = safeNext(query.next);
  const db = await getDb();
  if (await sessionUser(db, new Headers(await headers()))) redirect(next);
  if (!(await hasAnyUser({ db, actor: { type: 'anonymous' } }))) redirect('/setup');
  return (
    <>
      <h1 className="text-lg font-semibold text-zinc-900">Sign in</h1>
      <p className="mt-1 mb-6 text-zinc-600">Welcome back to the Gantry console.</p>
      <SignInForm next={next} email={typeof query.email === 'string' ? query.email : undefined} />
    </>
  );
}
