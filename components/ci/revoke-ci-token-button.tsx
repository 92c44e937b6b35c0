'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { revokeCiTokenAction } from './actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import type { CiTarget } from './ci-target';

export function RevokeCiTokenButton({ target, token }: { target: CiTarget; token: { id: string; name: string; prefix: string } }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const revoke = useServerAction(revokeCiTokenAction, {
    toastErrors: true,
    onSuccess(row) {
      setOpen(false);
      toast.success(`CI token “${row.name}” revoked.`);
      router.refresh();
    },
  });
  return (
    <>
      <Button variant="danger-ghost" size="sm" onClick={() => setOpen(true)} aria-label={`Revoke ${token.name}`}>
        Revoke
      </Button>
      <ConfirmDialog open={open} onClose={() => setOpen(false)} title="Revoke CI token" confirmLabel="Revoke token" pending={revoke.pending} onConfirm={() => revoke.run(target.org, target.project, target.component, token.id)}>
        <p>
          Pipelines using <span className="font-medium text-zinc-900">{token.name}</span> (<code className="font-mono text-xs">{token.prefix}…</code>) can no longer deploy{' '}
          {target.componentLabel}, starting with their next call. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
