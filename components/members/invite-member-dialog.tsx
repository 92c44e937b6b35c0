'use client';

import { useRouter } from 'next/navigation';
import { inviteMemberAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { CreateButton } from '@/components/ui/create-button';
import { DialogFooter } from '@/components/ui/dialog';
import { Field, Input, Select } from '@/components/ui/input';
import { Time } from '@/components/ui/time';
import { useServerAction } from '@/components/ui/use-server-action';
import { roleLabels, type Role } from '@/lib/services/roles';
import { RoleOptions } from './role-options';

export function InviteMemberButton({ orgSlug, baseUrl }: { orgSlug: string; baseUrl: string }) {
  return (
    <CreateButton label="Invite member" title="Invite a member">
      {(close) => <InviteForm orgSlug={orgSlug} baseUrl={baseUrl} onDone={close} />}
    </CreateButton>
  );
}

function InviteForm({ orgSlug, baseUrl, onDone }: { orgSlug: string; baseUrl: string; onDone(): void }) {
  const router = useRouter();
  const invite = useServerAction(inviteMemberAction, { onSuccess: () => router.refresh() });

  // The link is shown this once: it lives only in this dialog's state and goes when it closes.
  if (invite.data) {
    const inv = invite.data;
    return (
      <div className="space-y-4">
        <p className="text-zinc-700">
          Send this link to <span className="font-medium text-zinc-900">{inv.email}</span>. It lets them join as{' '}
          <span className="font-medium text-zinc-900">{roleLabels[inv.role as Role]}</span>, creating their account or signing in to the one they have.
        </p>
        <CopyField id="invitation-link" label="Invitation link" value={`${baseUrl}/invite/${inv.token}`} />
        <Alert tone="warning">
          Copy the link now: it is shown only once. Anyone holding it can join until it is used or expires on <Time value={inv.expiresAt} />.
        </Alert>
        <DialogFooter>
          <Button onClick={onDone}>Done</Button>
        </DialogFooter>
      </div>
    );
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        invite.run(orgSlug, { email: String(form.get('email')), role: String(form.get('role')) });
      }}
    >
      <p className="text-zinc-600">You get a one-time invitation link to send them. They join when they accept it, with a new account or the one they have.</p>
      {invite.formError && <Alert>{invite.formError}</Alert>}
      <Field id="invite-email" label="Email" error={invite.fields.email}>
        <Input name="email" type="email" autoComplete="off" required autoFocus />
      </Field>
      <Field id="invite-role" label="Role" error={invite.fields.role} hint="Developers create and deploy components; platform engineers manage registries, environments and pipelines.">
        <Select name="role" defaultValue="developer">
          <RoleOptions />
        </Select>
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={invite.pending}>
          Invite
        </Button>
      </DialogFooter>
    </form>
  );
}
