'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { resendInvitationAction, revokeInvitationAction } from './actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { ShownOnce } from '@/components/ui/shown-once';
import { Time } from '@/components/ui/time';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { roleLabels, type Role } from '@/lib/services/roles';

interface InvitationProps {
  orgSlug: string;
  baseUrl: string;
  invitation: { id: string; email: string; role: string };
}

/** Resend (a new one-time link; the old one stops working) and Revoke for a pending invitation. */
export function InvitationRowActions({ orgSlug, baseUrl, invitation }: InvitationProps) {
  const router = useRouter();
  const toast = useToast();
  const [dialog, setDialog] = useState<'resend' | 'revoke' | null>(null);
  // A resend replaces the invitation: act on the new one even before the list has refreshed.
  const [id, setId] = useState(invitation.id);
  const resend = useServerAction(resendInvitationAction, {
    toastErrors: true,
    onSuccess(d) {
      setId(d.invitationId);
      setDialog('resend');
    },
  });
  const revoke = useServerAction(revokeInvitationAction, {
    toastErrors: true,
    onSuccess() {
      setDialog(null);
      toast.success(`The invitation for ${invitation.email} was revoked.`);
      router.refresh();
    },
  });
  const closeLink = () => {
    setDialog(null);
    resend.reset();
    router.refresh();
  };
  return (
    <div className="flex justify-end gap-1">
      <Button variant="ghost" size="sm" pending={resend.pending} onClick={() => resend.run(orgSlug, id)} aria-label={`Resend invitation to ${invitation.email}`}>
        Resend
      </Button>
      <Button variant="danger-ghost" size="sm" onClick={() => setDialog('revoke')} aria-label={`Revoke invitation to ${invitation.email}`}>
        Revoke
      </Button>
      <Dialog open={dialog === 'resend' && !!resend.data} onClose={closeLink} title="New invitation link">
        {resend.data && (
          <ShownOnce id="invitation-link" label="Invitation link" value={`${baseUrl}/invite/${resend.data.token}`} what="link" onDone={closeLink}>
            Send this link to <span className="font-medium text-zinc-900">{resend.data.email}</span> to join as {roleLabels[resend.data.role as Role]}. The earlier link no longer
            works; this one expires on <Time value={resend.data.expiresAt} />.
          </ShownOnce>
        )}
      </Dialog>
      <ConfirmDialog open={dialog === 'revoke'} onClose={() => setDialog(null)} title="Revoke invitation" confirmLabel="Revoke" pending={revoke.pending} onConfirm={() => revoke.run(orgSlug, id)}>
        <p>
          The link sent to <span className="font-medium text-zinc-900">{invitation.email}</span> stops working at once. You can invite them again later.
        </p>
      </ConfirmDialog>
    </div>
  );
}
