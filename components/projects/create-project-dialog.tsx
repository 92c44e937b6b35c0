'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createProjectAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { PlusIcon } from '@/components/ui/icons';
import { Field, Input, Textarea } from '@/components/ui/input';
import { NameField, useDerivedName } from '@/components/ui/name-field';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';

export function CreateProjectDialog({ orgSlug, open, onClose }: { orgSlug: string; open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Create a project" description="A project groups the components that make up one application.">
      <CreateProjectForm orgSlug={orgSlug} onCancel={onClose} />
    </Dialog>
  );
}

function CreateProjectForm({ orgSlug, onCancel }: { orgSlug: string; onCancel(): void }) {
  const router = useRouter();
  const toast = useToast();
  const names = useDerivedName();
  const create = useServerAction(createProjectAction, {
    onSuccess(project) {
      toast.success(`Project “${project.displayName}” created.`);
      router.push(`/o/${orgSlug}/projects/${project.name}`);
      router.refresh();
    },
  });
  const f = create.fields;
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        create.run(orgSlug, { displayName: names.displayName, name: names.name, description: String(form.get('description') ?? '') });
      }}
    >
      {create.formError && <Alert>{create.formError}</Alert>}
      <Field id="project-display-name" label="Display name" error={f.displayName}>
        <Input value={names.displayName} onChange={(e) => names.setDisplayName(e.target.value)} autoFocus required maxLength={100} />
      </Field>
      <NameField id="project-name" label="Name" value={names.name} onChange={names.setName} error={f.name} usage="in URLs, the API and data-plane resources" />
      <Field id="project-description" label="Description" error={f.description} hint="Optional.">
        <Textarea name="description" rows={3} maxLength={1000} />
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" pending={create.pending}>
          Create
        </Button>
      </DialogFooter>
    </form>
  );
}

export function CreateProjectButton({ orgSlug }: { orgSlug: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <PlusIcon className="size-4" />
        Create Project
      </Button>
      <CreateProjectDialog orgSlug={orgSlug} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
