'use client';

import { useRouter } from 'next/navigation';
import { createApiKeyAction } from './actions';
import { RoleOptions } from '@/components/members/role-options';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CreateButton } from '@/components/ui/create-button';
import { DialogFooter } from '@/components/ui/dialog';
import { ExpiryOptions } from '@/components/ui/expiry-options';
import { ShownOnce } from '@/components/ui/shown-once';
import { Field, Input, Select } from '@/components/ui/input';
import { useServerAction } from '@/components/ui/use-server-action';

export function CreateApiKeyButton({ orgSlug }: { orgSlug: string }) {
  return (
    <CreateButton label="Create API key" title="Create an API key">
      {(close) => <CreateApiKeyForm orgSlug={orgSlug} onDone={close} />}
    </CreateButton>
  );
}

function CreateApiKeyForm({ orgSlug, onDone }: { orgSlug: string; onDone(): void }) {
  const router = useRouter();
  const create = useServerAction(createApiKeyAction, { onSuccess: () => router.refresh() });

  // The key exists only in this dialog's state; closing the dialog forgets it for good.
  if (create.data) {
    return (
      <ShownOnce id="api-key-value" label="API key" value={create.data.key} what="key" onDone={onDone}>
        The key <span className="font-medium text-zinc-900">{create.data.name}</span> is ready. Send it as a Bearer token in the Authorization header.
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
        create.run(orgSlug, { name: String(form.get('name')), role: String(form.get('role')), ...(days ? { expiresInDays: Number(days) } : {}) });
      }}
    >
      <p className="text-zinc-600">Scripts and other systems use API keys to call the Gantry API for this organization, with the permissions of the role you choose.</p>
      {create.formError && <Alert>{create.formError}</Alert>}
      <Field id="api-key-name" label="Name" error={create.fields.name} hint="What uses it, e.g. “release-script”.">
        <Input name="name" required autoFocus maxLength={100} autoComplete="off" />
      </Field>
      <Field id="api-key-role" label="Role" error={create.fields.role}>
        <Select name="role" defaultValue="developer">
          <RoleOptions />
        </Select>
      </Field>
      <Field id="api-key-expiry" label="Expires after" error={create.fields.expiresInDays}>
        <Select name="expiresInDays" defaultValue="90">
          <ExpiryOptions />
        </Select>
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={create.pending}>
          Create key
        </Button>
      </DialogFooter>
    </form>
  );
}
