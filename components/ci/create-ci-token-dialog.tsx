'use client';

import { useRouter } from 'next/navigation';
import { createCiTokenAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CreateButton } from '@/components/ui/create-button';
import { DialogFooter } from '@/components/ui/dialog';
import { ExpiryOptions } from '@/components/ui/expiry-options';
import { ShownOnce } from '@/components/ui/shown-once';
import { Field, Input, Select } from '@/components/ui/input';
import { useServerAction } from '@/components/ui/use-server-action';
import type { CiTarget } from './ci-target';

export function CreateCiTokenButton({ target }: { target: CiTarget }) {
  return (
    <CreateButton label="Create token" title="Create a CI token">
      {(close) => <CreateCiTokenForm target={target} onDone={close} />}
    </CreateButton>
  );
}

function CreateCiTokenForm({ target, onDone }: { target: CiTarget; onDone(): void }) {
  const router = useRouter();
  const create = useServerAction(createCiTokenAction, { onSuccess: () => router.refresh() });

  // The token lives only in this dialog's state; closing the dialog forgets it for good.
  if (create.data) {
    return (
      <ShownOnce id="ci-token-value" label="CI token" value={create.data.token} what="token" onDone={onDone}>
        The token <span className="font-medium text-zinc-900">{create.data.name}</span> can deploy <span className="font-medium text-zinc-900">{target.componentLabel}</span> and nothing
        else. Store it in your CI system&apos;s secret store as <code className="font-mono text-xs">GANTRY_TOKEN</code>.
      </ShownOnce>
    );
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const days = String(form.get('expiresInDays'));
        create.run(target.org, target.project, target.component, { name: String(form.get('name')), ...(days ? { expiresInDays: Number(days) } : {}) });
      }}
    >
      <p className="text-zinc-600">Your CI pipeline sends this token to the deploy webhook. It is bound to {target.componentLabel}: it cannot deploy any other component.</p>
      {create.formError && <Alert>{create.formError}</Alert>}
      <Field id="ci-token-name" label="Name" error={create.fields.name} hint="Which pipeline uses it, e.g. “github-main”.">
        <Input name="name" required autoFocus maxLength={100} autoComplete="off" />
      </Field>
      <Field id="ci-token-expiry" label="Expires after" error={create.fields.expiresInDays}>
        <Select name="expiresInDays" defaultValue="90">
          <ExpiryOptions />
        </Select>
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={create.pending}>
          Create token
        </Button>
      </DialogFooter>
    </form>
  );
}
