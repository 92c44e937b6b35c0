'use client';

import { useState } from 'react';
import { sendJson } from '@/components/endpoints/request';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Badge } from '@/components/ui/badge';

/**
 * Pipeline Variables & Secrets: variables are plain (visible to editors); secrets are
 * write-only — the panel shows only that one is "set", and a new value replaces it.
 */
export function InputsPanel({ api, variables, secrets, canEdit, onChange }: { api: string; variables: { name: string; value: string }[]; secrets: { name: string }[]; canEdit: boolean; onChange(): void }) {
  return (
    <section aria-labelledby="inputs-heading" className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5">
      <h2 id="inputs-heading" className="text-sm font-semibold text-zinc-900">
        Pipeline Variables &amp; Secrets
      </h2>
      <InputList api={api} kind="variables" rows={variables.map((v) => ({ name: v.name, shown: v.value }))} canEdit={canEdit} onChange={onChange} />
      <InputList api={api} kind="secrets" rows={secrets.map((s) => ({ name: s.name }))} canEdit={canEdit} onChange={onChange} />
    </section>
  );
}

function InputList({ api, kind, rows, canEdit, onChange }: { api: string; kind: 'variables' | 'secrets'; rows: { name: string; shown?: string }[]; canEdit: boolean; onChange(): void }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const secret = kind === 'secrets';
  const label = secret ? 'Secrets' : 'Variables';

  async function call(method: 'PUT' | 'DELETE', n: string, body?: unknown) {
    setPending(true);
    setError(undefined);
    try {
      await sendJson(`${api}/${kind}/${encodeURIComponent(n)}`, method, body);
      setName('');
      setValue('');
      onChange();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Saving failed.');
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-2" data-testid={`pipeline-${kind}`}>
      <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{label}</h3>
      {rows.length ? (
        <ul className="space-y-1 text-sm" aria-label={label}>
          {rows.map((r) => (
            <li key={r.name} className="flex items-center gap-3">
              <span className="font-mono">{r.name}</span>
              {secret ? <Badge tone="success">set</Badge> : <span className="font-mono break-all text-zinc-600">{r.shown}</span>}
              {canEdit && (
                <button type="button" className="ml-auto text-xs text-red-700 hover:underline" onClick={() => call('DELETE', r.name)} aria-label={`Delete ${r.name}`}>
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-zinc-500">None. Use them as {secret ? '{{SECRETS.NAME}}' : '{{VARIABLES.NAME}}'}.</p>
      )}
      {canEdit && (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void call('PUT', name, { value });
          }}
        >
          <Input aria-label={`${secret ? 'Secret' : 'Variable'} name`} placeholder="NAME" value={name} onChange={(e) => setName(e.target.value)} className="w-40 font-mono" required />
          <Input aria-label={`${secret ? 'Secret' : 'Variable'} value`} placeholder="value" type={secret ? 'password' : 'text'} autoComplete={secret ? 'new-password' : 'off'} value={value} onChange={(e) => setValue(e.target.value)} className="min-w-40 flex-1" required />
          <Button type="submit" variant="secondary" pending={pending}>
            {secret ? 'Set secret' : 'Set variable'}
          </Button>
        </form>
      )}
      {error && <p className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
