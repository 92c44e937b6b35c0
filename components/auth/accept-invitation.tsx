'use client';

import { useState } from 'react';
import { acceptInvitationAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { useServerAction } from '@/components/ui/use-server-action';
import { signIn, signOut } from './auth-client';

/** A signed-in invitee joins with one click. */
export function AcceptButton({ token }: { token: string }) {
  const accept = useServerAction(acceptInvitationAction, { onSuccess: (data) => window.location.assign(`/o/${data.orgSlug}`) });
  return (
    <div className="space-y-4">
      {accept.formError && <Alert>{accept.formError}</Alert>}
      <Button className="w-full" pending={accept.pending} onClick={() => accept.run(token)}>
        Accept invitation
      </Button>
    </div>
  );
}

/** Someone without an account creates one with the invited email, then is signed in. */
export function CreateAccountForm({ token, email }: { token: string; email: string }) {
  const [signInError, setSignInError] = useState<string>();
  const accept = useServerAction(acceptInvitationAction, {
    async onSuccess(data, [, account]) {
      const result = await signIn(data.email, (account as { password: string }).password);
      if (result.ok) return window.location.assign(`/o/${data.orgSlug}`);
      setSignInError(`Your account is ready, but signing in failed: ${result.message}`);
    },
  });
  const f = accept.fields;
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        accept.run(token, { name: String(form.get('name')), password: String(form.get('password')) });
      }}
    >
      {(accept.formError || signInError) && <Alert>{accept.formError ?? signInError}</Alert>}
      <Field id="invite-email" label="Email">
        <Input value={email} readOnly disabled />
      </Field>
      <Field id="name" label="Your name" error={f['account.name'] ?? f.name}>
        <Input name="name" autoComplete="name" required autoFocus />
      </Field>
      <Field id="password" label="Password" hint="At least 10 characters." error={f['account.password']}>
        <Input name="password" type="password" autoComplete="new-password" required minLength={10} />
      </Field>
      <Button type="submit" pending={accept.pending} className="w-full">
        Create account and join
      </Button>
    </form>
  );
}

export function SignOutButton({ then }: { then: string }) {
  return (
    <Button variant="secondary" className="w-full" onClick={() => void signOut(then)}>
      Sign out
    </Button>
  );
}
