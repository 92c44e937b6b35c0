'use client';

import { useState } from 'react';
import { setupAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { NameField, useDerivedName } from '@/components/ui/name-field';
import { useServerAction } from '@/components/ui/use-server-action';
import { signIn } from './auth-client';

export function SetupForm() {
  const org = useDerivedName();
  const [signInError, setSignInError] = useState<string>();
  const [signingIn, setSigningIn] = useState(false);
  const setup = useServerAction(setupAction, {
    async onSuccess(data, [input]) {
      setSigningIn(true);
      const { email, password } = input as { email: string; password: string };
      const result = await signIn(email, password);
      if (result.ok) return window.location.assign(data.org ? `/o/${data.org.slug}` : '/');
      setSignInError(`Your account is ready, but signing in failed: ${result.message}`);
      setSigningIn(false);
    },
  });
  const f = setup.fields;

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setup.run({
          name: String(form.get('name')),
          email: String(form.get('email')),
          password: String(form.get('password')),
          organization: { name: org.displayName, slug: org.name },
        });
      }}
    >
      {(setup.formError || signInError) && <Alert>{setup.formError ?? signInError}</Alert>}
      <fieldset className="space-y-4">
        <legend className="float-left mb-3 w-full text-xs font-medium tracking-wide text-zinc-500 uppercase">Your admin account</legend>
        <Field id="name" label="Your name" error={f.name}>
          <Input name="name" autoComplete="name" required autoFocus />
        </Field>
        <Field id="email" label="Email" error={f.email}>
          <Input name="email" type="email" autoComplete="username" required />
        </Field>
        <Field id="password" label="Password" error={f.password} hint="At least 10 characters.">
          <Input name="password" type="password" autoComplete="new-password" required minLength={10} />
        </Field>
      </fieldset>
      <fieldset className="space-y-4 border-t border-zinc-100 pt-5">
        <legend className="float-left mb-3 w-full text-xs font-medium tracking-wide text-zinc-500 uppercase">Your organization</legend>
        <Field id="org-name" label="Organization name" error={f['organization.name']}>
          <Input value={org.displayName} onChange={(e) => org.setDisplayName(e.target.value)} required />
        </Field>
        <NameField id="org-slug" label="Organization slug" value={org.name} onChange={org.setName} error={f['organization.slug']} usage="in URLs and API paths" />
      </fieldset>
      <Button type="submit" pending={setup.pending || signingIn} className="w-full">
        Create admin and organization
      </Button>
    </form>
  );
}
