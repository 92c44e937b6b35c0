'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteRegistryAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { PlusIcon } from '@/components/ui/icons';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { RegistryForm } from './registry-form';
import type { Registry } from './types';

const description = 'Data planes pull images from it with these credentials. Gantry passes them on and never pulls images into the control plane.';

export function AddRegistryButton({ orgSlug }: { orgSlug: string }) {
  const [open, setOpen] = useState(false);
  return (
    // One box for the button and its dialog; text-left because the dialog is a DOM child of
    // wherever the button sits (e.g. a centred empty state) and would inherit its alignment.
    <div className="shrink-0 text-left">
      <Button onClick={() => setOpen(true)}>
        <PlusIcon className="size-4" />
        Add Registry
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add a container registry" description={description} size="lg">
        <RegistryForm orgSlug={orgSlug} onDone={() => setOpen(false)} />
      </Dialog>
    </div>
  );
}

export function EditRegistryDialog({ orgSlug, registry, open, onClose }: { orgSlug: string; registry: Registry; open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} title={`Edit ${registry.displayName}`} description={description} size="lg">
      <RegistryForm orgSlug={orgSlug} registry={registry} onDone={onClose} />
    </Dialog>
  );
}

/** Asks before deleting; a registry still in use is refused with the components that use it. */
export function DeleteRegistryDialog({ orgSlug, registry, open, onClose }: { orgSlug: string; registry: Registry; open: boolean; onClose(): void }) {
  const router = useRouter();
  const toast = useToast();
  const del = useServerAction(deleteRegistryAction, {
    onSuccess() {
      onClose();
      toast.success(`Registry “${registry.displayName}” deleted.`);
      router.refresh();
    },
  });
  const close = () => {
    del.reset();
    onClose();
  };
  return (
    <ConfirmDialog open={open} onClose={close} title="Delete registry" confirmLabel="Delete registry" pending={del.pending} onConfirm={() => del.run(orgSlug, registry.id)}>
      <p>
        Delete <span className="font-medium text-zinc-900">{registry.displayName}</span> (<code className="font-mono text-xs">{registry.host}</code>)?
        {registry.authType === 'basic' || registry.authType === 'docker-config' ? ' Its stored credentials are erased.' : ''} This cannot be undone.
      </p>
      {registry.usedBy.length > 0 && !del.formError && (
        <Alert tone="warning">
          Used by {registry.usedBy.length} component{registry.usedBy.length > 1 ? 's' : ''}: {registry.usedBy.join(', ')}. Move them to another registry first.
        </Alert>
      )}
      {del.formError && <Alert>{del.formError}</Alert>}
    </ConfirmDialog>
  );
}
