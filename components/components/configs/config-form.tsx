'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { setConfigAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DialogFooter } from '@/components/ui/dialog';
import { Field, Input, Select, Textarea } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { appliesIn, RedeployChoice } from './redeploy-choice';
import { appliedMessage, type ConfigEntry, type ConfigTarget } from './types';

/** Add a config, or (given `entry`) replace its value; kind, name and scope identify an entry and stay fixed when editing. */
export function ConfigForm({ target, entry, onDone }: { target: ConfigTarget; entry?: ConfigEntry; onDone(): void }) {
  const router = useRouter();
  const toast = useToast();
  const [kind, setKind] = useState<'env' | 'file'>(entry?.kind ?? 'env');
  const [key, setKey] = useState(entry?.key ?? '');
  const [value, setValue] = useState(entry && !entry.secret ? (entry.value ?? '') : '');
  const [secret, setSecret] = useState(entry?.secret ?? false);
  const [environment, setEnvironment] = useState(entry?.environment ?? '');
  const [redeploy, setRedeploy] = useState<string[] | null>(null);
  // Until someone unticks one, every environment where the change applies redeploys.
  const chosen = redeploy ?? appliesIn(target, environment || null);
  const save = useServerAction(setConfigAction, {
    onSuccess(r) {
      toast.success(appliedMessage(target, `Saved ${r.key}`, r.redeployed, r.pending));
      onDone();
      router.refresh();
    },
  });
  const file = kind === 'file';

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.run(target.org, target.project, target.component, { kind, key: key.trim(), value, secret, ...(environment ? { environment } : {}), redeploy: chosen });
      }}
    >
      {save.formError && <Alert>{save.formError}</Alert>}
      <fieldset disabled={!!entry}>
        <legend className="mb-1.5 text-sm font-medium text-zinc-800">Kind</legend>
        <div className="flex gap-4">
          {(['env', 'file'] as const).map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm text-zinc-800">
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} className="accent-accent-600" />
              {k === 'env' ? 'Environment variable' : 'File mount'}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="config-key" label={file ? 'Mount path' : 'Name'} error={save.fields.key} hint={file ? 'An absolute file path inside the container, e.g. /etc/app/config.yaml.' : 'Letters, digits and underscores, e.g. DATABASE_URL.'}>
        <Input value={key} onChange={(e) => setKey(e.target.value)} required disabled={!!entry} autoFocus={!entry} maxLength={255} autoComplete="off" spellCheck={false} className="font-mono" />
      </Field>
      <Field id="config-value" label={file ? 'File content' : 'Value'} error={save.fields.value} hint={entry?.secret ? 'The current value is hidden. Enter the new value.' : undefined}>
        {file ? (
          <Textarea value={value} onChange={(e) => setValue(e.target.value)} rows={8} autoFocus={!!entry} spellCheck={false} className="font-mono text-xs" />
        ) : (
          <Input value={value} onChange={(e) => setValue(e.target.value)} autoFocus={!!entry} autoComplete="off" spellCheck={false} className="font-mono" type={secret ? 'password' : 'text'} />
        )}
      </Field>
      <label className="flex items-start gap-2 text-sm text-zinc-800">
        <input type="checkbox" checked={secret} onChange={(e) => setSecret(e.target.checked)} className="mt-0.5 accent-accent-600" />
        <span>
          Mark as secret
          <span className="block text-xs text-zinc-500">Stored encrypted and never shown again, not even to admins.</span>
        </span>
      </label>
      <Field id="config-environment" label="Environment" error={save.fields.environment}>
        <Select
          value={environment}
          onChange={(e) => {
            setEnvironment(e.target.value);
            setRedeploy(null);
          }}
          disabled={!!entry}
        >
          <option value="">All environments</option>
          {target.environments.map((e) => (
            <option key={e.name} value={e.name}>
              {e.displayName} only
            </option>
          ))}
        </Select>
      </Field>
      <RedeployChoice target={target} scope={environment || null} value={chosen} onChange={setRedeploy} />
      <DialogFooter>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={save.pending}>
          {entry ? 'Save' : 'Add'}
        </Button>
      </DialogFooter>
    </form>
  );
}
