'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listImageTagsAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DialogFooter } from '@/components/ui/dialog';
import { Field, Input } from '@/components/ui/input';
import type { ComponentRef } from './component-ref';
import type { DeployMutation } from './use-deploy';

const SHOWN = 60;

/** Update Image Tag: pick a tag the registry has, or type one; the server resolves it to a digest. */
export function TagOption({ target, currentTag, deploy, onCancel }: { target: ComponentRef; currentTag?: string; deploy: DeployMutation; onCancel(): void }) {
  // Starts on the current tag: redeploying it (or editing one character of it) is the common case.
  const [tag, setTag] = useState(currentTag ?? '');
  const tags = useQuery({
    queryKey: [target.api, 'tags'],
    queryFn: async () => {
      const r = await listImageTagsAction(target.org, target.project, target.component);
      if (!r.ok) throw new Error(r.error.message);
      return r.data.tags;
    },
    staleTime: 0,
    retry: false,
  });
  // A picked (or fully typed) tag keeps the whole list in view; a partial one narrows it.
  const needle = tags.data?.includes(tag.trim()) ? '' : tag.trim().toLowerCase();
  const matches = (tags.data ?? []).filter((t) => t.toLowerCase().includes(needle));

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        deploy.run(target.org, target.project, target.component, { tag: tag.trim() });
      }}
    >
      {deploy.formError && <Alert>{deploy.formError}</Alert>}
      <Field id="image-tag" label="Image tag" error={deploy.fields.tag ?? deploy.fields.image} hint={<>Deploys <code className="font-mono">{target.repository}:{tag.trim() || '<tag>'}</code></>}>
        <Input value={tag} onChange={(e) => setTag(e.target.value)} placeholder="Search the registry's tags or type one" autoFocus autoComplete="off" spellCheck={false} required maxLength={128} className="font-mono" />
      </Field>
      <div>
        <p id="tag-list-label" className="mb-1.5 text-xs font-medium text-zinc-500">
          Tags in the registry
        </p>
        {tags.isPending ? (
          <p className="flex items-center gap-2 text-zinc-500">
            <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-zinc-400 border-r-transparent" /> Reading tags from the registry…
          </p>
        ) : tags.isError ? (
          <Alert tone="warning">Could not list tags: {tags.error.message} You can still type a tag.</Alert>
        ) : matches.length === 0 ? (
          <p className="text-zinc-500">{tags.data.length ? 'No tag matches; deploy the tag you typed if you know it exists.' : 'The repository has no tags yet.'}</p>
        ) : (
          <ul aria-labelledby="tag-list-label" className="flex max-h-44 flex-wrap content-start gap-1.5 overflow-y-auto rounded-md border border-zinc-200 p-2">
            {matches.slice(0, SHOWN).map((t) => (
              <li key={t}>
                <button
                  type="button"
                  aria-pressed={t === tag.trim()}
                  onClick={() => setTag(t)}
                  className={`rounded-md border px-2 py-1 font-mono text-xs ${t === tag.trim() ? 'border-accent-500 bg-accent-50 text-accent-700' : 'border-zinc-200 bg-white text-zinc-700 hover:bg-zinc-50'}`}
                >
                  {t}
                  {t === currentTag && <span className="ml-1 font-sans text-zinc-600">(current)</span>}
                </button>
              </li>
            ))}
            {matches.length > SHOWN && <li className="self-center px-1 text-xs text-zinc-500">{matches.length - SHOWN} more: type to narrow</li>}
          </ul>
        )}
      </div>
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" pending={deploy.pending} disabled={!tag.trim()}>
          {deploy.pending ? 'Resolving image…' : 'Deploy'}
        </Button>
      </DialogFooter>
    </form>
  );
}
