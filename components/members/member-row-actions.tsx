'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { removeMemberAction, updateMemberRoleAction } from './actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Select } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { roleLabels, type Role } from '@/lib/services/roles';
import { RoleOptions } from './role-options';

interface MemberProps {
  orgSlug: string;
  member: { userId: string; email: string; role: string };
}

/**
 * Picks a new role for a member; it takes effect with Save (arrow keys on a closed select
 * change its value, so a change never applies by itself). A refusal puts the old role back.
 */
export function MemberRoleSelect({ orgSlug, member, onlyAdmin }: MemberProps & { onlyAdmin?: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [role, setRole] = useState(member.role);
  const update = useServerAction(updateMemberRoleAction, {
    toastErrors: true,
    onSuccess(r) {
      toast.success(`${r.email} is now ${roleLabels[r.role as Role]}.`);
      router.refresh();
    },
    onError: () => setRole(member.role),
  });
  const changed = role !== member.role;
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        update.run(orgSlug, member.userId, { role });
      }}
    >
      <Select
        aria-label={`Role of ${member.email}`}
        aria-describedby={onlyAdmin ? `only-admin-${member.userId}` : undefined}
        value={role}
        disabled={update.pending || onlyAdmin}
        onChange={(e) => setRole(e.target.value)}
        className="w-48"
      >
        <RoleOptions />
      </Select>
      {onlyAdmin && (
        <span id={`only-admin-${member.userId}`} className="text-xs text-zinc-600">
          The only admin: make someone else admin first.
        </span>
      )}
      {changed && (
        <>
          <Button type="submit" size="sm" pending={update.pending}>
            Save
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setRole(member.role)} disabled={update.pending}>
            Cancel
          </Button>
        </>
      )}
    </form>
  );
}

export function RemoveMemberButton({ orgSlug, member, orgName, isSelf, onlyAdmin }: MemberProps & { orgName: string; isSelf: boolean; onlyAdmin?: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const remove = useServerAction(removeMemberAction, {
    toastErrors: true,
    onSuccess() {
      setOpen(false);
      toast.success(isSelf ? `You left ${orgName}.` : `${member.email} was removed.`);
      if (isSelf) router.push('/');
      router.refresh();
    },
  });
  // An organisation keeps at least one admin: the only one cannot leave or be removed.
  if (onlyAdmin) return null;
  return (
    <>
      {/* Named by its visible word first ("Leave", "Remove"), then whom it is about (WCAG 2.5.3). */}
      <Button variant="danger-ghost" size="sm" onClick={() => setOpen(true)} aria-label={`${isSelf ? 'Leave' : 'Remove'} ${member.email}`}>
        {isSelf ? 'Leave' : 'Remove'}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={isSelf ? 'Leave organization' : 'Remove member'}
        confirmLabel={isSelf ? 'Leave' : 'Remove'}
        pending={remove.pending}
        onConfirm={() => remove.run(orgSlug, member.userId)}
      >
        <p>
          {isSelf ? 'You' : <span className="font-medium text-zinc-900">{member.email}</span>} will lose access to {orgName} at once, and the API keys they created here are revoked.
        </p>
      </ConfirmDialog>
    </>
  );
}
