'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { createConnectionAction, deleteConnectionAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Field, Input, Select } from '@/components/ui/input';
import { PlusIcon } from '@/components/ui/icons';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';

export interface ConnectScope {
  org: string;
  project: string;
  component?: string;
}
export interface PickableEntry {
  name: string;
  category: string;
  versions: { version: string; keys: string[] }[];
}

/** `<CONNECTION>_<KEY>`, as the service defaults it (lib/services/marketplace/find-entry.ts). */
const defaultEnv = (conn: string, key: string) => `${conn.replace(/-/g, '_')}_${key}`.toUpperCase();

export function CreateConnectionButton({ scope, entries }: { scope: ConnectScope; entries: PickableEntry[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <PlusIcon className="size-4" />
        Create connection
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Create a connection" description="Pick a marketplace entry and version; its values reach the container at the next deployment." size="lg">
        <ConnectionForm scope={scope} entries={entries} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function ConnectionForm({ scope, entries, onDone }: { scope: ConnectScope; entries: PickableEntry[]; onDone(): void }) {
  const router = useRouter();
  const toast = useToast();
  const [entryName, setEntryName] = useState(entries[0]?.name ?? '');
  const entry = entries.find((e) => e.name === entryName);
  const [version, setVersion] = useState(entry?.versions[0]?.version ?? '');
  const [name, setName] = useState('');
  const [env, setEnv] = useState<Record<string, string>>({});
  const keys = useMemo(() => entry?.versions.find((v) => v.version === version)?.keys ?? [], [entry, version]);
  const save = useServerAction(createConnectionAction, {
    onSuccess(r) {
      toast.success(`Created connection ${r.name}: redeploy to apply`);
      onDone();
      router.refresh();
    },
  });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const mapping = Object.fromEntries(keys.map((k) => [k, env[k] ?? defaultEnv(name.trim(), k)]));
        save.run({ ...scope, name: name.trim(), entry: entryName, version, env: mapping });
      }}
    >
      {save.formError && <Alert>{save.formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="connection-entry" label="Entry" error={save.fields.entry}>
          <Select
            value={entryName}
            onChange={(e) => {
              setEntryName(e.target.value);
              setVersion(entries.find((x) => x.name === e.target.value)?.versions[0]?.version ?? '');
              setEnv({});
            }}
          >
            {entries.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name} ({e.category})
              </option>
            ))}
          </Select>
        </Field>
        <Field id="connection-version" label="Version" error={save.fields.version}>
          <Select value={version} onChange={(e) => (setVersion(e.target.value), setEnv({}))}>
            {entry?.versions.map((v) => (
              <option key={v.version}>{v.version}</option>
            ))}
          </Select>
        </Field>
      </div>
      <Field id="connection-name" label="Connection name" hint="Lowercase letters, digits and hyphens; it prefixes the variable names." error={save.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} required maxLength={63} autoComplete="off" autoFocus />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-800">Environment variables</legend>
        {keys.length === 0 && <p className="text-sm text-zinc-500">This version provides no keys.</p>}
        {keys.map((k) => (
          <Field key={k} id={`connection-env-${k}`} label={k} error={save.fields[`env.${k}`]}>
            <Input value={env[k] ?? defaultEnv(name.trim() || 'connection', k)} onChange={(e) => setEnv({ ...env, [k]: e.target.value })} maxLength={255} autoComplete="off" spellCheck={false} className="font-mono" />
          </Field>
        ))}
      </fieldset>
      <DialogFooter>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={save.pending} disabled={!entryName || !version}>
          Create
        </Button>
      </DialogFooter>
    </form>
  );
}

export function DeleteConnectionButton({ scope, name }: { scope: ConnectScope; name: string }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const remove = useServerAction(deleteConnectionAction, {
    toastErrors: true,
    onSuccess() {
      setOpen(false);
      toast.success(`Deleted connection ${name}`);
      router.refresh();
    },
  });
  return (
    <>
      <Button variant="danger-ghost" size="sm" onClick={() => setOpen(true)} aria-label={`Delete connection ${name}`}>
        Delete
      </Button>
      <ConfirmDialog open={open} onClose={() => setOpen(false)} title={`Delete ${name}`} confirmLabel="Delete" pending={remove.pending} onConfirm={() => remove.run({ ...scope, name })}>
        <p>Running containers keep its values until their next deployment.</p>
      </ConfirmDialog>
    </>
  );
}

export function RedeployBadge({ where, applied }: { where: string[]; applied: string[] }) {
  if (where.length)
    return (
      <span title={`Not yet in: ${where.join(', ')}. Deploy an image to apply it (a previous image keeps the values it was released with).`}>
        <Badge tone="warning">Redeploy to apply ({where.join(', ')})</Badge>
      </span>
    );
  return applied.length ? <Badge tone="success">Applied</Badge> : <Badge>Not deployed yet</Badge>;
}
