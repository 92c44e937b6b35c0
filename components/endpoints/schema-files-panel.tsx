'use client';

import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { RequestError, sendJson } from './request';
import type { SchemaFileView } from './types';

/** The server's limit too; checked here first so nobody waits for a 5 MB upload to be refused. */
const maxBytes = 1024 * 1024;

interface SchemaFilesPanelProps {
  api: string;
  files: SchemaFileView[];
  onChange(files: SchemaFileView[]): void;
  canEdit: boolean;
}

/**
 * OpenAPI and GraphQL SDL files beside the editor: upload (validated by the server with a real
 * parser), the operations or types each declares, and removal. endpoints.yaml references a
 * file by its name in schemaFilePath.
 */
export function SchemaFilesPanel({ api, files, onChange, canEdit }: SchemaFilesPanelProps) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function run(work: () => Promise<void>) {
    setPending(true);
    setError(undefined);
    try {
      await work();
      onChange((await (await fetch(`${api}/schema-files`, { cache: 'no-store' })).json()).items);
    } catch (e) {
      setError(e instanceof RequestError ? e.message : 'The request failed.');
    } finally {
      setPending(false);
    }
  }

  async function upload(file: File) {
    if (file.size > maxBytes) {
      setError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB; the limit is 1 MiB.`);
      return;
    }
    await run(async () => {
      await sendJson(`${api}/schema-files`, 'POST', { name: file.name, content: await file.text() });
    });
  }

  return (
    <section aria-labelledby="schema-files-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="schema-files-heading" className="text-sm font-semibold text-zinc-900">
          Schema files
        </h2>
        {canEdit && (
          <>
            <input
              ref={input}
              type="file"
              className="sr-only"
              aria-label="Upload schema file"
              accept=".yaml,.yml,.json,.graphql,.graphqls,.gql"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void upload(f);
              }}
            />
            <Button variant="secondary" size="sm" pending={pending} onClick={() => input.current?.click()}>
              Upload
            </Button>
          </>
        )}
      </div>
      <p className="text-xs text-zinc-500">OpenAPI 2.0/3.x (YAML or JSON) or GraphQL SDL, up to 1 MiB. Reference one as <code className="font-mono">schemaFilePath: &lt;file name&gt;</code>.</p>
      {error && <Alert>{error}</Alert>}
      {files.length === 0 ? (
        <p className="text-sm text-zinc-500">No schema files yet.</p>
      ) : (
        <ul className="space-y-3" aria-label="Schema files">
          {files.map((f) => (
            <li key={f.name} className="rounded-md border border-zinc-200 p-3" data-testid={`schema-file-${f.name}`}>
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="truncate font-mono text-sm text-zinc-900">{f.name}</p>
                  <p className="text-xs text-zinc-500">
                    {f.summary.spec}
                    {f.summary.title ? ` · ${f.summary.title}` : ''}
                    {f.summary.version ? ` ${f.summary.version}` : ''} · {(f.size / 1024).toFixed(1)} KiB
                  </p>
                </div>
                {canEdit && (
                  <Button variant="danger-ghost" size="sm" disabled={pending} onClick={() => run(() => sendJson(`${api}/schema-files/${encodeURIComponent(f.name)}`, 'DELETE'))} aria-label={`Remove ${f.name}`}>
                    Remove
                  </Button>
                )}
              </div>
              <Operations file={f} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The API's operations (OpenAPI) or root fields and types (GraphQL): what the endpoint offers. */
function Operations({ file }: { file: SchemaFileView }) {
  const ops = file.summary.operations;
  return (
    <div className="mt-2 space-y-1">
      {ops.length > 0 && (
        <ul className="space-y-0.5 text-xs" aria-label={`Operations of ${file.name}`}>
          {ops.slice(0, 50).map((o) => (
            <li key={`${o.method} ${o.path}`} className="flex gap-2">
              <span className="w-16 shrink-0 font-mono font-semibold text-zinc-700">{o.method}</span>
              <span className="font-mono text-zinc-900">{o.path}</span>
              {o.summary && <span className="truncate text-zinc-500">{o.summary}</span>}
            </li>
          ))}
          {ops.length > 50 && <li className="text-zinc-500">and {ops.length - 50} more</li>}
        </ul>
      )}
      {file.kind === 'graphql' && file.summary.types.length > 0 && (
        <p className="flex flex-wrap gap-1 pt-1" aria-label={`Types of ${file.name}`}>
          {file.summary.types.slice(0, 40).map((t) => (
            <Badge key={t.name}>
              {t.kind} {t.name}
            </Badge>
          ))}
        </p>
      )}
    </div>
  );
}
