'use client';

import { useState } from 'react';
import { YamlEditor, type EditorMarker } from '@/components/editor/yaml-editor';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { RequestError, sendJson } from './request';
import { SchemaFilesPanel } from './schema-files-panel';
import type { EndpointsView, SchemaFileView, SpecProblemView } from './types';
import { VisibilityBadges } from './visibility';

interface EndpointsEditorProps {
  api: string;
  deployHref: string;
  initial: EndpointsView;
  files: SchemaFileView[];
  /** The JSON Schema generated from the server's zod schema. */
  schema: object;
  canEdit: boolean;
}

/**
 * Edit endpoints.yaml: Monaco with the endpoints JSON Schema (completion, hover, squiggles
 * as you type), schema files beside it, and Save, which validates again on the server and
 * shows the server's problems as markers in the editor.
 */
export function EndpointsEditor({ api, deployHref, initial, files: initialFiles, schema, canEdit }: EndpointsEditorProps) {
  const [saved, setSaved] = useState(initial);
  const [text, setText] = useState(initial.yaml);
  const [files, setFiles] = useState(initialFiles);
  const [problems, setProblems] = useState<SpecProblemView[]>([]);
  const [message, setMessage] = useState<{ tone: 'error' | 'ok'; text: string }>();
  const [pending, setPending] = useState(false);
  const markers: EditorMarker[] = problems;

  async function save() {
    setPending(true);
    setMessage(undefined);
    try {
      const out = await sendJson<EndpointsView>(`${api}/endpoints`, 'PUT', { yaml: text });
      setSaved(out);
      setProblems([]);
      setMessage({ tone: 'ok', text: `Saved: ${out.endpoints.length} endpoint${out.endpoints.length === 1 ? '' : 's'}. The next deployment exposes them.` });
    } catch (e) {
      const list = e instanceof RequestError ? ((e.details?.problems as SpecProblemView[] | undefined) ?? []) : [];
      setProblems(list);
      setMessage({ tone: 'error', text: e instanceof Error ? e.message : 'Saving failed.' });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <section aria-labelledby="editor-heading" className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="editor-heading" className="text-sm font-semibold text-zinc-900">
              Edit endpoints.yaml
            </h2>
            <p className="text-xs text-zinc-500">
              {saved.saved ? `Saved ${saved.updatedBy ? `by ${saved.updatedBy}` : ''}.` : "Not saved yet: a template from the image's exposed ports."} Hover a key for what it means; Ctrl+Space completes keys and values.
            </p>
          </div>
          <div className="flex gap-2">
            <ButtonLink variant="secondary" href={deployHref}>
              Back to Deploy
            </ButtonLink>
            {canEdit && (
              <Button pending={pending} onClick={save}>
                Save
              </Button>
            )}
          </div>
        </div>
        {message && (message.tone === 'error' ? <Alert>{message.text}</Alert> : <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{message.text}</p>)}
        <YamlEditor
          path="endpoints.yaml"
          schema={schema}
          defaultValue={text}
          onChange={(v) => {
            setText(v);
            // The server's positions refer to the text it saw; once it changes they would mislead.
            if (problems.length) setProblems([]);
          }}
          markers={markers}
          ariaLabel="endpoints.yaml"
          height={440}
        />
        {problems.length > 0 && (
          <ul aria-label="Problems" className="space-y-1 text-sm text-red-700">
            {problems.map((p, i) => (
              <li key={i}>
                Line {p.line}, column {p.column}: {p.message}
              </li>
            ))}
          </ul>
        )}
        <SavedEndpoints view={saved} />
      </section>
      <aside className="min-w-0">
        <SchemaFilesPanel api={api} files={files} onChange={setFiles} canEdit={canEdit} />
      </aside>
    </div>
  );
}

function SavedEndpoints({ view }: { view: EndpointsView }) {
  if (!view.saved || !view.endpoints.length) return null;
  return (
    <div className="rounded-md border border-zinc-200 p-3">
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Saved endpoints</h3>
      <ul className="space-y-1 text-sm" aria-label="Saved endpoints">
        {view.endpoints.map((e) => (
          <li key={e.name} className="flex flex-wrap items-center gap-3">
            <span className="font-medium">{e.name}</span>
            <span className="text-zinc-600">{e.type}</span>
            <span className="font-mono text-xs">:{e.port}</span>
            <span className="font-mono text-xs">{e.context ?? '—'}</span>
            <VisibilityBadges visibilities={e.visibilities} />
            {e.schemaFile && <span className="font-mono text-xs text-zinc-500">{e.schemaFile}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
