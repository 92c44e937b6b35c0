'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { attachDataPlaneAction, detachDataPlaneAction, testDataPlaneAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CreateButton } from '@/components/ui/create-button';
import { DialogFooter } from '@/components/ui/dialog';
import { Field, Input, Textarea } from '@/components/ui/input';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';

export interface PlaneRow {
  id: string;
  name: string;
  driver: 'docker' | 'kubernetes';
  server: string | null;
  environments: string[];
  health: { ok: boolean | null; message: string | null; checkedAt: Date | string | null; version?: string; denied: string[] };
}

const drivers = { docker: 'Docker Engine API', kubernetes: 'Kubernetes' };

export function DataPlanes({ orgSlug, planes, canManage }: { orgSlug: string; planes: PlaneRow[]; canManage: boolean }) {
  return (
    <div className="space-y-3">
      {canManage && (
        <div className="flex justify-end">
          <CreateButton label="Attach cluster" title="Attach a Kubernetes cluster">
            {(close) => <AttachForm orgSlug={orgSlug} onDone={close} />}
          </CreateButton>
        </div>
      )}
      <Table label="Data planes">
        <THead>
          <Th>Name</Th>
          <Th>Driver</Th>
          <Th>Environments</Th>
          <Th>Health</Th>
          {canManage && <Th className="text-right">Actions</Th>}
        </THead>
        <TBody>
          {planes.map((p) => (
            <tr key={p.id}>
              <Td className="font-medium text-zinc-900">
                {p.name}
                {p.server && <div className="font-mono text-xs font-normal text-zinc-600">{p.server}</div>}
              </Td>
              <Td>
                {drivers[p.driver]}
                {p.health.version && <div className="text-xs text-zinc-600">{p.health.version}</div>}
              </Td>
              <Td>
                <span className="flex flex-wrap gap-1">{p.environments.length ? p.environments.map((e) => <Badge key={e}>{e}</Badge>) : <span className="text-zinc-600">None</span>}</span>
              </Td>
              <Td className="max-w-md">
                <Health health={p.health} />
              </Td>
              {canManage && (
                <Td className="text-right whitespace-nowrap">
                  <TestButton orgSlug={orgSlug} plane={p.name} />
                  {p.driver === 'kubernetes' && <DetachButton orgSlug={orgSlug} plane={p} />}
                </Td>
              )}
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

function Health({ health }: { health: PlaneRow['health'] }) {
  if (health.ok === null) return <span className="text-zinc-600">Not checked yet</span>;
  return (
    <div className="space-y-1" data-health={health.ok ? 'ok' : 'failing'}>
      <Badge tone={health.ok ? 'success' : 'danger'}>{health.ok ? 'Healthy' : 'Failing'}</Badge>
      <p className="text-xs break-words text-zinc-700">{health.message}</p>
      {health.checkedAt && (
        <p className="text-xs text-zinc-600">
          Checked <Time value={health.checkedAt} />
        </p>
      )}
    </div>
  );
}

function TestButton({ orgSlug, plane }: { orgSlug: string; plane: string }) {
  const router = useRouter();
  const toast = useToast();
  const test = useServerAction(testDataPlaneAction, {
    toastErrors: true,
    onSuccess(r) {
      if (r.ok) toast.success(r.message);
      else toast.error(r.message);
      router.refresh();
    },
  });
  return (
    <Button variant="ghost" size="sm" pending={test.pending} onClick={() => test.run({ org: orgSlug, name: plane })} aria-label={`Test connection to ${plane}`}>
      Test connection
    </Button>
  );
}

function DetachButton({ orgSlug, plane }: { orgSlug: string; plane: PlaneRow }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const detach = useServerAction(detachDataPlaneAction, {
    toastErrors: true,
    onSuccess() {
      setOpen(false);
      toast.success(`Cluster “${plane.name}” detached.`);
      router.refresh();
    },
  });
  return (
    <>
      <Button variant="danger-ghost" size="sm" onClick={() => setOpen(true)} aria-label={`Detach ${plane.name}`}>
        Detach
      </Button>
      <ConfirmDialog open={open} onClose={() => setOpen(false)} title={`Detach ${plane.name}`} confirmLabel="Detach cluster" pending={detach.pending} onConfirm={() => detach.run({ org: orgSlug, name: plane.name })}>
        <p>Gantry forgets this cluster and its kubeconfig. Refused while an environment uses it; nothing on the cluster is touched.</p>
      </ConfirmDialog>
    </>
  );
}

function AttachForm({ orgSlug, onDone }: { orgSlug: string; onDone(): void }) {
  const router = useRouter();
  const toast = useToast();
  const [kubeconfig, setKubeconfig] = useState('');
  const attach = useServerAction(attachDataPlaneAction, {
    onSuccess(row) {
      if (row.health.ok) toast.success(`Cluster “${row.name}” attached.`);
      else toast.error(`Cluster “${row.name}” attached: ${row.health.message}`);
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
        const prefix = String(f.get('namespacePrefix') ?? '');
        attach.run({ org: orgSlug, name: String(f.get('name')), kind: 'kubernetes', kubeconfig, ...(prefix ? { namespacePrefix: prefix } : {}) });
      }}
    >
      <p className="text-zinc-600">
        The kubeconfig is checked, the cluster is asked for its version and what the credentials may do, and only then is it saved — encrypted, and never shown again. Only inline
        credentials are accepted (no exec or auth-provider plugins, no files).
      </p>
      {attach.formError && <Alert>{attach.formError}</Alert>}
      <Field id="plane-name" label="Name" error={attach.fields.name} hint="Lowercase letters, digits and hyphens, e.g. “eu-cluster”.">
        <Input name="name" required maxLength={63} autoComplete="off" />
      </Field>
      <Field id="plane-kubeconfig-file" label="Kubeconfig file">
        <Input
          type="file"
          accept=".yaml,.yml,.conf,.config,text/yaml,text/plain"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (file) setKubeconfig(await file.text());
          }}
        />
      </Field>
      <Field id="plane-kubeconfig" label="Kubeconfig" error={attach.fields.kubeconfig} hint="Or paste it here.">
        <Textarea name="kubeconfig" rows={8} required value={kubeconfig} onChange={(e) => setKubeconfig(e.currentTarget.value)} spellCheck={false} className="font-mono text-xs" />
      </Field>
      <Field id="plane-prefix" label="Namespace prefix" error={attach.fields.namespacePrefix} hint="Namespaces Gantry creates start with it.">
        <Input name="namespacePrefix" defaultValue="gantry-" maxLength={20} autoComplete="off" />
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={attach.pending}>
          Test and attach
        </Button>
      </DialogFooter>
    </form>
  );
}
