import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { AcceptButton, CreateAccountForm, SignOutButton } from '@/components/auth/accept-invitation';
import { ButtonLink } from '@/components/ui/button';
import { getDb } from '@/db';
import { sessionUser } from '@/lib/auth';
import { isServiceError } from '@/lib/errors';
import { findInvitation } from '@/lib/services/members/find-invitation';
import { roleLabels, type Role } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Invitation' };

async function lookUp(token: string) {
  try {
    return await findInvitation(await getDb(), token);
  } catch (e) {
    if (isServiceError(e) && e.code === 'not_found') return { invalid: e.message };
    throw e;
  }
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const inv = await lookUp(token);
  if ('invalid' in inv) {
    return (
      <>
        <h1 className="text-lg font-semibold text-zinc-900">Invitation not available</h1>
        <p className="mt-2 mb-6 text-zinc-600">{inv.invalid}</p>
        <ButtonLink href="/" variant="secondary" className="w-full">
          Go to Gantry
        </ButtonLink>
      </>
    );
  }
  const user = await sessionUser(await getDb(), new Headers(await headers()));
  const here = `/invite/${encodeURIComponent(token)}`;

  return (
    <>
      <h1 className="text-lg font-semibold text-zinc-900">Join {inv.orgName}</h1>
      <p className="mt-1 mb-6 text-zinc-600">
        <span className="font-medium text-zinc-800">{inv.email}</span> is invited to the organization{' '}
        <span className="font-medium text-zinc-800">{inv.orgName}</span> as{' '}
        <span className="font-medium text-zinc-800">{roleLabels[inv.role as Role] ?? inv.role}</span>.
      </p>
      {user && user.email === inv.email ? (
        <AcceptButton token={token} />
      ) : user ? (
        <div className="space-y-4">
          <p className="text-zinc-700">
            You are signed in as <span className="font-medium">{user.email}</span>. This invitation is for {inv.email}: sign out, then accept it with that account.
          </p>
          <SignOutButton then={here} />
        </div>
      ) : (
        // The same page whether or not the address has an account: the link must not tell.
        <div className="space-y-6">
          <div className="space-y-2">
            <p className="text-zinc-700">Already have an account for {inv.email}? Sign in to accept the invitation.</p>
            <ButtonLink href={`/sign-in?${new URLSearchParams({ next: here, email: inv.email })}`} variant="secondary" className="w-full">
              Sign in to accept
            </ButtonLink>
          </div>
          <div className="space-y-2 border-t border-zinc-200 pt-6">
            <p className="text-zinc-700">New to Gantry? Create your account.</p>
            <CreateAccountForm token={token} email={inv.email} />
          </div>
        </div>
      )}
    </>
  );
}
