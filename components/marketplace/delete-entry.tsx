'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteEntryAction } from './actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';

/** Deletes every version; the service refuses (with the list) while connections use it. */
export function DeleteEntryButton({ org, entry }: { org: string; entry: string }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const remove = useServerAction(deleteEntryAction, {
    toastErrors: true,
    onSuccess() {
      toast.success(`Deleted ${entry}`);
      router.push(`/o/${org}/platform/marketplace`);
    },
  });
  return (
    <>
      <Button variant="danger-outline" onClick={() => setOpen(true)}>
        Delete
      </Button>
      <ConfirmDialog open={open} onClose={() => setOpen(false)} title={`Delete ${entry}`} confirmLabel="Delete" pending={remove.pending} onConfirm={() => remove.run({ org, entry })}>
        <p>Every version of {entry} leaves the marketplace. This is refused while connections use it.</p>
      </ConfirmDialog>
    </>
  );
}
