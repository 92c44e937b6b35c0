'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createEnvironmentAction, deleteEnvironmentAction, reorderEnvironmentsAction, updateEnvironmentAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CreateButton } from '@/components/ui/create-button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Field, Input, Select } from '@/components/ui/input';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';

export interface EnvRow {
  id: string;
  name: string;
  displayName: string;
  dataPlane: string;
}

/**
 * The promotion path, editable: move up / down (buttons, so the keyboard can do it), edit
 * name / display name / data plane, delete with confirmation, add at any place.
 */
export function EnvironmentsEditor({ orgSlug, environments, planes, canManage }: { orgSlug: string; environments: EnvRow[]; planes: string[]; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const reorder = useServerAction(reorderEnvironmentsAction, {
    toastErrors: true,
    onSuccess: () => {
      toast.success('Promotion order saved.');
      router.refresh();
    },
  });
  const move = (i: number, by: -1 | 1) => {
    const order = environments.map((e) => e.name);
    [order[i], order[i + by]] = [order[i + by], order[i]];
    reorder.run({ org: orgSlug, order });
  };

  return (
    <div className="space-y-3">
      {canManage && (
        <div className="flex justify-end">
          <CreateButton label="Add environment" title="Add an environment">
            {(close) => <AddEnvironmentForm orgSlug={orgSlug} environments={environments} planes={planes} onDone={close} />}
          </CreateButton>
        </div>
      )}
      <Table label="Environments">
        <THead>
          <Th className="w-16">Order</Th>
          <Th>Environment</Th>
          <Th>Name</Th>
          <Th>Data plane</Th>
          {canManage && <Th className="text-right">Actions</Th>}
        </THead>
        <TBody>
          {environments.map((env, i) => (
            <tr key={env.id}>
              <Td className="text-zinc-600">{i + 1}</Td>
              <Td className="font-medium text-zinc-900">{env.displayName}</Td>
              <Td>
                <code className="font-mono text-xs">{env.name}</code>
              </Td>
              <Td>{env.dataPlane}</Td>
              {canManage && (
                <Td className="text-right whitespace-nowrap">
                  <Button variant="ghost" size="sm" disabled={i === 0 || reorder.pending} onClick={() => move(i, -1)} aria-label={`Move ${env.displayName} earlier`}>
                    ↑
                  </Button>
                  <Button variant="ghost" size="sm" disabled={i === environments.length - 1 || reorder.pending} onClick={() => move(i, 1)} aria-label={`Move ${env.displayName} later`}>
                    ↓
                  </Button>
                  <EditEnvironmentButton orgSlug={orgSlug} env={env} planes={planes} />
                  <DeleteEnvironmentButton orgSlug={orgSlug} env={env} />
                </Td>
              )}
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

function AddEnvironmentForm({ orgSlug, environments, planes, onDone }: { orgSlug: string; environments: EnvRow[]; planes: string[]; onDone(): void }) {
  const router = useRouter();
  const toast = useToast();
  const create = useServerAction(createEnvironmentAction, {
    onSuccess(row) {
      toast.success(`Environment “${row.displayName}” added.`);
      onDone();
      router.refresh();
    },
  });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const position = String(f.get('position'));
        create.run({ org: orgSlug, displayName: String(f.get('displayName')), name: String(f.get('name')), dataPlane: String(f.get('dataPlane')), ...(position === 'end' ? {} : { position: Number(position) }) });
      }}
    >
      {create.formError && <Alert>{create.formError}</Alert>}
      <Field id="env-display-name" label="Display name" error={create.fields.displayName}>
        <Input name="displayName" required maxLength={100} autoComplete="off" />
      </Field>
      <Field id="env-name" label="Name" error={create.fields.name} hint="Lowercase letters, digits and hyphens; used in URLs, the API and the workloads' names.">
        <Input name="name" required maxLength={63} autoComplete="off" pattern="[a-z0-9]([-a-z0-9]*[a-z0-9])?" />
      </Field>
      <Field id="env-plane" label="Data plane" error={create.fields.dataPlane}>
        <Select name="dataPlane" defaultValue={planes[0]}>
          {planes.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </Select>
      </Field>
      <Field id="env-position" label="Place on the promotion path" error={create.fields.position}>
        <Select name="position" defaultValue="end">
          {environments.map((e, i) => (
            <option key={e.id} value={i}>
              Before {e.displayName}
            </option>
          ))}
          <option value="end">At the end</option>
        </Select>
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={create.pending}>
          Add environment
        </Button>
      </DialogFooter>
    </form>
  );
}

function EditEnvironmentButton({ orgSlug, env, planes }: { orgSlug: string; env: EnvRow; planes: string[] }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const update = useServerAction(updateEnvironmentAction, {
    onSuccess(row) {
      setOpen(false);
      toast.success(`Environment “${row.displayName}” saved.`);
      router.refresh();
    },
  });
  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)} aria-label={`Edit ${env.displayName}`}>
        Edit
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Edit ${env.displayName}`}>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            update.run({ org: orgSlug, env: env.name, displayName: String(f.get('displayName')), name: String(f.get('name')), dataPlane: String(f.get('dataPlane')) });
          }}
        >
          {update.formError && <Alert>{update.formError}</Alert>}
          <Field id="edit-env-display-name" label="Display name" error={update.fields.displayName}>
            <Input name="displayName" required maxLength={100} defaultValue={env.displayName} autoComplete="off" />
          </Field>
          <Field id="edit-env-name" label="Name" error={update.fields.name} hint="Can change only while nothing runs in this environment.">
            <Input name="name" required maxLength={63} defaultValue={env.name} autoComplete="off" />
          </Field>
          <Field id="edit-env-plane" label="Data plane" error={update.fields.dataPlane} hint="Can change only while nothing runs in this environment.">
            <Select name="dataPlane" defaultValue={env.dataPlane}>
              {planes.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </Select>
          </Field>
          <DialogFooter>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={update.pending}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </>
  );
}

function DeleteEnvironmentButton({ orgSlug, env }: { orgSlug: string; env: EnvRow }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const remove = useServerAction(deleteEnvironmentAction, {
    toastErrors: true,
    onSuccess() {
      setOpen(false);
      toast.success(`Environment “${env.displayName}” deleted.`);
      router.refresh();
    },
  });
  return (
    <>
      <Button variant="danger-ghost" size="sm" onClick={() => setOpen(true)} aria-label={`Delete ${env.displayName}`}>
        Delete
      </Button>
      <ConfirmDialog open={open} onClose={() => setOpen(false)} title={`Delete ${env.displayName}`} confirmLabel="Delete environment" pending={remove.pending} onConfirm={() => remove.run({ org: orgSlug, env: env.name })}>
        <p>
          Its deployment history, its per-environment configuration and schedules go with it; the audit log keeps what happened. Refused while components run in it.
        </p>
      </ConfirmDialog>
    </>
  );
}
