'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteComponentAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';

interface DeleteComponentProps {
  target: { org: string; project: string; component: string };
  displayName: string;
  /** Display names of the environments where something of it runs or ran. */
  environments: string[];
}

/** The danger zone of a component's settings: delete, confirmed by typing its name. */
export function DeleteComponent({ target, displayName, environments }: DeleteComponentProps) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const toast = useToast();
  const remove = useServerAction(deleteComponentAction, {
    onSuccess(r) {
      setOpen(false);
      toast.success(r.removedFrom.length ? `${displayName} deleted and removed from ${r.removedFrom.join(', ')}.` : `${displayName} deleted.`);
      router.push(`/o/${target.org}/projects/${target.project}`);
      router.refresh();
    },
  });
  return (
    <section aria-labelledby="danger-heading" className="rounded-xl border border-red-200 bg-white p-6">
      <h2 id="danger-heading" className="text-sm font-semibold text-red-800">
        Delete component
      </h2>
      <p className="mt-1 mb-4 text-sm text-zinc-700">
        Stops and removes what runs in every environment, revokes its CI tokens and deletes its releases, configuration and history. The audit log keeps its record.
      </p>
      <Button variant="danger-outline" onClick={() => setOpen(true)}>
        Delete component…
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => {
          remove.reset();
          setOpen(false);
        }}
        title={`Delete ${displayName}`}
        confirmLabel="Delete component"
        requireText={target.component}
        pending={remove.pending}
        onConfirm={() => remove.run(target.org, target.project, target.component)}
      >
        {remove.formError && <Alert>{remove.formError}</Alert>}
        <p>
          {environments.length ? (
            <>
              It runs in <span className="font-medium text-zinc-900">{environments.join(', ')}</span>: those containers are stopped and removed now, and its public URLs stop
              answering.
            </>
          ) : (
            'Nothing of it has been deployed.'
          )}{' '}
          CI tokens stop working at once. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
