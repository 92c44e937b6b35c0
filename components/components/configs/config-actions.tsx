'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteConfigAction } from './actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { PlusIcon } from '@/components/ui/icons';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { ConfigForm } from './config-form';
import { appliesIn, RedeployChoice } from './redeploy-choice';
import { appliedMessage, scopeLabel, type ConfigEntry, type ConfigTarget } from './types';

export function AddConfigButton({ target }: { target: ConfigTarget }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <PlusIcon className="size-4" />
        Add config
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add a config" description="An environment variable or a file mounted into the container.">
        <ConfigForm target={target} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

export function ConfigRowActions({ target, entry }: { target: ConfigTarget; entry: ConfigEntry }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [redeploy, setRedeploy] = useState<string[] | null>(null);
  const chosen = redeploy ?? appliesIn(target, entry.environment);
  const remove = useServerAction(deleteConfigAction, {
    toastErrors: true,
    onSuccess(r) {
      setDeleting(false);
      toast.success(appliedMessage(target, `Deleted ${entry.key}`, r.redeployed, r.pending));
      router.refresh();
    },
  });
  return (
    <div className="flex justify-end gap-1">
      <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${entry.key}`}>
        Edit
      </Button>
      <Button variant="danger-ghost" size="sm" onClick={() => setDeleting(true)} aria-label={`Delete ${entry.key}`}>
        Delete
      </Button>
      <Dialog open={editing} onClose={() => setEditing(false)} title={`Edit ${entry.key}`} description={scopeLabel(target, entry.environment)}>
        <ConfigForm target={target} entry={entry} onDone={() => setEditing(false)} />
      </Dialog>
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete ${entry.key}`}
        confirmLabel="Delete"
        pending={remove.pending}
        onConfirm={() => remove.run(target.org, target.project, target.component, entry.id, chosen)}
      >
        <p>
          <code className="font-mono text-xs">{entry.key}</code> ({scopeLabel(target, entry.environment)}) is removed.
        </p>
        <RedeployChoice target={target} scope={entry.environment} value={chosen} onChange={setRedeploy} />
      </ConfirmDialog>
    </div>
  );
}
