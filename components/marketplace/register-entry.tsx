'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { registerEntryAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Field, Input, Select, Textarea } from '@/components/ui/input';
import { PlusIcon } from '@/components/ui/icons';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { MARKETPLACE_CATEGORIES } from '@/lib/marketplace/categories';

type Param = { key: string; value: string; isSecret: boolean };

/** A platform engineer registers an existing resource: the fields a pipeline's publish step gives, with one credential set. */
export function RegisterEntryButton({ org, environments }: { org: string; environments: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <PlusIcon className="size-4" />
        Register resource
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Register a resource" description="Same name and version again updates it; its consumers then show “redeploy to apply”." size="lg">
        <RegisterForm org={org} environments={environments} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function RegisterForm({ org, environments, onDone }: { org: string; environments: string[]; onDone(): void }) {
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState('');
  const [version, setVersion] = useState('1.0');
  const [category, setCategory] = useState<string>('Database');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [envs, setEnvs] = useState<string[]>(environments.slice(0, 1));
  const [params, setParams] = useState<Param[]>([{ key: '', value: '', isSecret: false }]);
  const save = useServerAction(registerEntryAction, {
    onSuccess(r) {
      toast.success(`${r.created ? 'Registered' : 'Updated'} ${r.name} ${r.version}`);
      onDone();
      router.refresh();
    },
  });
  const set = (i: number, p: Partial<Param>) => setParams(params.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const filled = params.filter((p) => p.key.trim());
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.run({
          org,
          name: name.trim(),
          version: version.trim(),
          category,
          description,
          tags: tags.split(',').map((t) => t.trim()).filter(Boolean),
          connectionCredentials: filled.length ? [{ environments: envs, parameters: filled.map((p) => ({ ...p, key: p.key.trim() })) }] : [],
        });
      }}
    >
      {save.formError && <Alert>{save.formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="entry-name" label="Name" error={save.fields.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus autoComplete="off" />
        </Field>
        <Field id="entry-version" label="Version" error={save.fields.version}>
          <Input value={version} onChange={(e) => setVersion(e.target.value)} required maxLength={40} autoComplete="off" />
        </Field>
        <Field id="entry-category" label="Category" error={save.fields.category}>
          <Select value={category} onChange={(e) => setCategory(e.target.value)}>
            {MARKETPLACE_CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </Select>
        </Field>
      </div>
      <Field id="entry-description" label="Description" error={save.fields.description}>
        <Textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={2000} />
      </Field>
      <Field id="entry-tags" label="Tags" hint="Comma-separated." error={save.fields.tags}>
        <Input value={tags} onChange={(e) => setTags(e.target.value)} autoComplete="off" />
      </Field>
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-zinc-800">Credentials for</legend>
        <div className="flex flex-wrap gap-4">
          {environments.map((env) => (
            <label key={env} className="flex items-center gap-2 text-sm text-zinc-800">
              <input type="checkbox" checked={envs.includes(env)} onChange={(e) => setEnvs(e.target.checked ? [...envs, env] : envs.filter((x) => x !== env))} className="accent-accent-600" />
              {env}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-2">
        {params.map((p, i) => (
          <div key={i} className="grid grid-cols-[1fr_1.5fr_auto] items-end gap-2">
            <Field id={`param-key-${i}`} label={`Key ${i + 1}`} error={save.fields[`connectionCredentials.0.parameters.${i}.key`]}>
              <Input value={p.key} onChange={(e) => set(i, { key: e.target.value })} maxLength={64} autoComplete="off" className="font-mono" />
            </Field>
            <Field id={`param-value-${i}`} label={`Value ${i + 1}`} error={save.fields[`connectionCredentials.0.parameters.${i}.value`]}>
              <Input value={p.value} onChange={(e) => set(i, { value: e.target.value })} type={p.isSecret ? 'password' : 'text'} autoComplete="off" className="font-mono" />
            </Field>
            <label className="flex h-9 items-center gap-1.5 text-sm text-zinc-800">
              <input type="checkbox" checked={p.isSecret} onChange={(e) => set(i, { isSecret: e.target.checked })} className="accent-accent-600" aria-label={`Key ${i + 1} is secret`} />
              Secret
            </label>
          </div>
        ))}
        <Button variant="ghost" size="sm" onClick={() => setParams([...params, { key: '', value: '', isSecret: false }])}>
          <PlusIcon className="size-4" /> Add parameter
        </Button>
      </div>
      <DialogFooter>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={save.pending}>
          Register
        </Button>
      </DialogFooter>
    </form>
  );
}
