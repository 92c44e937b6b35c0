'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { YamlEditor, type EditorMarker } from '@/components/editor/yaml-editor';
import { RequestError, sendJson } from '@/components/endpoints/request';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field, Input, Textarea } from '@/components/ui/input';
import { NameField, useDerivedName } from '@/components/ui/name-field';
import { pipelinesApi } from './queries';

export const STARTER_YAML = `parameters:
  - name: environment
    displayName: Environment
    default: Development
    enum: [Development, Production]
steps:
  - name: hello
    inlineScript: |
      echo "Hello from {{arguments.parameters.environment}}"
`;

/** The 422 of a save: the spec's problems with positions become editor markers. */
export function problemsOf(e: unknown): EditorMarker[] {
  if (!(e instanceof RequestError)) return [];
  const d = e.details ?? {};
  const list = (d.problems ?? d.errors ?? []) as EditorMarker[];
  return Array.isArray(list) ? list.filter((p) => typeof p?.line === 'number') : [];
}

export function CreatePipeline({ org, source: initialSource, schema }: { org: string; source: 'yaml' | 'git'; schema: object }) {
  const router = useRouter();
  const [source, setSource] = useState(initialSource);
  const names = useDerivedName();
  const [description, setDescription] = useState('');
  const [yaml, setYaml] = useState(STARTER_YAML);
  const [git, setGit] = useState({ url: '', branch: 'main', path: '', username: '', password: '' });
  const [markers, setMarkers] = useState<EditorMarker[]>([]);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> }>();
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(undefined);
    const body = {
      name: names.name,
      displayName: names.displayName,
      description,
      source:
        source === 'yaml'
          ? { kind: 'inline', yaml }
          : { kind: 'git', url: git.url, branch: git.branch, path: git.path, ...(git.username || git.password ? { credentials: { username: git.username, password: git.password } } : {}) },
    };
    try {
      await sendJson(pipelinesApi(org), 'POST', body);
      router.push(`/o/${org}/platform/pipelines/${names.name}`);
    } catch (err) {
      setMarkers(problemsOf(err));
      const fields = err instanceof RequestError ? (((err.details?.fields as Record<string, string>) ?? {}) as Record<string, string>) : {};
      setError({ message: err instanceof Error ? err.message : 'Creating the pipeline failed.', fields });
      setPending(false);
    }
  }

  const f = error?.fields ?? {};
  return (
    <form onSubmit={submit} className="space-y-5">
      <div role="tablist" aria-label="Pipeline source" className="inline-flex rounded-md border border-zinc-300 p-0.5">
        {(['yaml', 'git'] as const).map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={source === s}
            onClick={() => setSource(s)}
            className={`rounded px-3 py-1.5 text-sm ${source === s ? 'bg-accent-600 text-white' : 'text-zinc-700 hover:bg-zinc-100'}`}
          >
            {s === 'yaml' ? 'Use YAML Editor' : 'Import from Git'}
          </button>
        ))}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="pipeline-display-name" label="Display name" error={f.displayName}>
          <Input value={names.displayName} onChange={(e) => names.setDisplayName(e.target.value)} maxLength={100} required />
        </Field>
        <NameField id="pipeline-name" label="Name" value={names.name} onChange={names.setName} usage="in URLs and the API" error={f.name} />
      </div>
      <Field id="pipeline-description" label="Description" error={f.description}>
        <Textarea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} rows={2} />
      </Field>
      {source === 'yaml' ? (
        <div className="space-y-2">
          <p className="text-xs text-zinc-500">Hover a key for what it means; Ctrl+Space completes keys and values. A nested list of steps runs in parallel.</p>
          <YamlEditor
            path="pipeline.yaml"
            schema={schema}
            defaultValue={yaml}
            onChange={(v) => {
              setYaml(v);
              if (markers.length) setMarkers([]);
            }}
            markers={markers}
            ariaLabel="Pipeline YAML"
            height={420}
          />
          {markers.length > 0 && (
            <ul aria-label="Problems" className="space-y-1 text-sm text-red-700">
              {markers.map((p, i) => (
                <li key={i}>
                  Line {p.line}, column {p.column}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <GitFields git={git} onChange={setGit} fields={f} />
      )}
      {error && <Alert>{error.message}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" pending={pending}>
          Create
        </Button>
        <ButtonLink variant="secondary" href={`/o/${org}/platform/pipelines`}>
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}

type Git = { url: string; branch: string; path: string; username: string; password: string };

function GitFields({ git, onChange, fields }: { git: Git; onChange(g: Git): void; fields: Record<string, string> }) {
  const set = (k: keyof Git) => (e: { target: { value: string } }) => onChange({ ...git, [k]: e.target.value });
  return (
    <fieldset className="space-y-4">
      <legend className="sr-only">Git repository</legend>
      <Field id="git-url" label="Repository URL" hint="https:// only. The file at the branch head is read when each run starts." error={fields.url ?? fields['source.url']}>
        <Input value={git.url} onChange={set('url')} placeholder="https://github.com/acme/pipelines.git" required spellCheck={false} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="git-branch" label="Branch" error={fields.branch ?? fields['source.branch']}>
          <Input value={git.branch} onChange={set('branch')} required spellCheck={false} />
        </Field>
        <Field id="git-path" label="Path to the YAML" error={fields.path ?? fields['source.path']}>
          <Input value={git.path} onChange={set('path')} placeholder="pipelines/deploy.yaml" required spellCheck={false} />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="git-username" label="Username (optional)" error={fields.credentials ?? fields['source.credentials']}>
          <Input value={git.username} onChange={set('username')} autoComplete="off" spellCheck={false} />
        </Field>
        <Field id="git-password" label="Password or token (optional)" hint="Stored encrypted; never shown again.">
          <Input type="password" value={git.password} onChange={set('password')} autoComplete="new-password" />
        </Field>
      </div>
    </fieldset>
  );
}
