'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteProjectAction, updateProjectAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Field, Input, Textarea } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';

interface Project {
  name: string;
  displayName: string;
  description: string;
}

/** Edit and Delete for a project page's header. */
export function ProjectActions({ orgSlug, project }: { orgSlug: string; project: Project }) {
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const router = useRouter();
  const toast = useToast();
  const remove = useServerAction(deleteProjectAction, {
    toastErrors: true,
    onSuccess() {
      toast.success(`Project “${project.displayName}” deleted.`);
      router.push(`/o/${orgSlug}`);
      router.refresh();
    },
  });

  return (
    <>
      <Button variant="secondary" onClick={() => setDialog('edit')}>
        Edit
      </Button>
      <Button variant="danger-outline" onClick={() => setDialog('delete')}>
        Delete
      </Button>
      <Dialog open={dialog === 'edit'} onClose={() => setDialog(null)} title="Edit project" description={<>The name <code className="font-mono text-zinc-800">{project.name}</code> cannot be changed.</>}>
        <EditProjectForm orgSlug={orgSlug} project={project} onDone={() => setDialog(null)} />
      </Dialog>
      <ConfirmDialog
        open={dialog === 'delete'}
        onClose={() => setDialog(null)}
        title="Delete project"
        confirmLabel="Delete project"
        requireText={project.name}
        pending={remove.pending}
        onConfirm={() => remove.run(orgSlug, project.name)}
      >
        <p>
          This permanently deletes <span className="font-medium text-zinc-900">{project.displayName}</span>. Only a project without components can be deleted.
        </p>
      </ConfirmDialog>
    </>
  );
}

function EditProjectForm({ orgSlug, project, onDone }: { orgSlug: string; project: Project; onDone(): void }) {
  const router = useRouter();
  const toast = useToast();
  const update = useServerAction(updateProjectAction, {
    onSuccess(row) {
      toast.success(`Project “${row.displayName}” saved.`);
      onDone();
      router.refresh();
    },
  });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        update.run(orgSlug, project.name, { displayName: String(form.get('displayName')), description: String(form.get('description')) });
      }}
    >
      {update.formError && <Alert>{update.formError}</Alert>}
      <Field id="edit-display-name" label="Display name" error={update.fields.displayName}>
        <Input name="displayName" defaultValue={project.displayName} required autoFocus maxLength={100} />
      </Field>
      <Field id="edit-description" label="Description" error={update.fields.description}>
        <Textarea name="description" defaultValue={project.description} rows={3} maxLength={1000} />
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={update.pending}>
          Save
        </Button>
      </DialogFooter>
    </form>
  );
}
