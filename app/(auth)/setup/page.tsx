import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SetupForm } from '@/components/auth/setup-form';
import { getDb } from '@/db';
import { hasAnyUser } from '@/lib/services/users/setup-first-admin';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Set up' };

/** First run only: once any account exists this page sends people to sign in. */
export default async function SetupPage() {
  if (await hasAnyUser({ db: await getDb(), actor: { type: 'anonymous' } })) redirect('/sign-in');
  return (
    <>
      <h1 className="text-lg font-semibold text-zinc-900">Welcome to Gantry</h1>
      <p className="mt-1 mb-6 text-zinc-600">Create the first admin account and your organization. You can invite your team afterwards.</p>
      <SetupForm />
    </>
  );
}
