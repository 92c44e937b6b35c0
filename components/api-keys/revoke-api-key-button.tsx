'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { revokeApiKeyAction } from './actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';

export function RevokeApiKeyButton({ orgSlug, apiKey }: { orgSlug: string; apiKey: { id: string; name: string; prefix: string } }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const revoke = useServerAction(revokeApiKeyAction, {
    toastErrors: true,
    onSuccess(row) {
      setOpen(false);
      toast.success(`API key “${row.name}” revoked.`);
      router.refresh();
    },
  });
  return (
    <>
      <Button variant="danger-ghost" size="sm" onClick={() => setOpen(true)} aria-label={`Revoke ${apiKey.name}`}>
        Revoke
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Revoke API key"
        confirmLabel="Revoke key"
        pending={revoke.pending}
        onConfirm={() => revoke.run(orgSlug, apiKey.id)}
      >
        <p>
          Calls using <span className="font-medium text-zinc-900">{apiKey.name}</span> (<code className="font-mono text-xs">{apiKey.prefix}…</code>) will be refused
          from now on. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
