'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { signIn } from './auth-client';

export function SignInForm({ next, email: presetEmail }: { next: string; email?: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(form: FormData) {
    setPending(true);
    setError(undefined);
    const result = await signIn(String(form.get('email')), String(form.get('password')));
    if (result.ok) return window.location.assign(next);
    setError(result.message);
    setPending(false);
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(new FormData(e.currentTarget));
      }}
    >
      {error && <Alert>{error}</Alert>}
      <Field id="email" label="Email">
        <Input name="email" type="email" autoComplete="username" required autoFocus={!presetEmail} defaultValue={presetEmail} />
      </Field>
      <Field id="password" label="Password">
        <Input name="password" type="password" autoComplete="current-password" required autoFocus={!!presetEmail} />
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
