'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { YamlEditor, type EditorMarker } from '@/components/editor/yaml-editor';
import { sendJson } from '@/components/endpoints/request';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { useToast } from '@/components/ui/toast';
import { problemsOf } from './create-pipeline';
import { InputsPanel } from './inputs-panel';
import { pipelineApi, useArgoYaml, usePipeline, useRefresh, useRuns, useVersion, useVersions } from './queries';
import { duration } from './run-form';
import { StartRunDialog } from './start-run-dialog';
import { PipelineStatusBadge } from './status-badge';
import { isLiveRun, type PipelineView, type RunView } from './types';
import { useNow } from './use-now';

/** The pipeline page: runs (live), Start New Run, the YAML and its versions, the Argo Workflow, variables and secrets. */
export function PipelineBoard({ org, name, schema, canEdit }: { org: string; name: string; schema: object; canEdit: boolean }) {
  const api = pipelineApi(org, name);
  const pipeline = usePipeline(api);
  if (pipeline.isPending) return <p className="text-sm text-zinc-500">Loading the pipeline…</p>;
  if (pipeline.isError) return <Alert>{pipeline.error.message}</Alert>;
  return <Board org={org} api={api} p={pipeline.data} schema={schema} canEdit={canEdit} />;
}

function Board({ org, api, p, schema, canEdit }: { org: string; api: string; p: PipelineView; schema: object; canEdit: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const refresh = useRefresh(api);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [tab, setTab] = useState<'yaml' | 'argo'>('yaml');

  async function start(parameters: Record<string, string>) {
    setPending(true);
    setStartError(undefined);
    try {
      const run = await sendJson<{ id: string; number: number }>(`${api}/runs`, 'POST', { parameters });
      setStarting(false);
      toast.success(`Run #${run.number} started.`);
      void refresh();
      router.push(`/o/${org}/platform/pipelines/${p.name}/runs/${run.number}`);
    } catch (e) {
      setStartError(e instanceof Error ? e.message : 'Starting the run failed.');
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-600">
          Version {p.version} · {p.source.kind === 'git' ? `${p.source.url} (${p.source.branch}: ${p.source.path})` : 'defined in the YAML editor'}
        </p>
        {canEdit && <Button onClick={() => setStarting(true)}>Start New Run</Button>}
      </div>
      <StartRunDialog open={starting} onClose={() => setStarting(false)} parameters={p.parameters} pending={pending} error={startError} onStart={start} />
      <RunsTable org={org} api={api} pipeline={p.name} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section className="min-w-0 space-y-3">
          <div role="tablist" aria-label="Definition" className="inline-flex rounded-md border border-zinc-300 p-0.5">
            {(['yaml', 'argo'] as const).map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)} className={`rounded px-3 py-1.5 text-sm ${tab === t ? 'bg-accent-600 text-white' : 'text-zinc-700 hover:bg-zinc-100'}`}>
                {t === 'yaml' ? 'Pipeline YAML' : 'Argo Workflow'}
              </button>
            ))}
          </div>
          {tab === 'yaml' ? <YamlPanel api={api} p={p} schema={schema} canEdit={canEdit && p.source.kind === 'inline'} onSaved={refresh} /> : <ArgoPanel api={api} version={p.version} />}
        </section>
        <aside className="min-w-0">
          <InputsPanel api={api} variables={p.variables} secrets={p.secrets.map((name) => ({ name }))} canEdit={canEdit} onChange={() => void refresh()} />
        </aside>
      </div>
    </div>
  );
}

function RunsTable({ org, api, pipeline }: { org: string; api: string; pipeline: string }) {
  const runs = useRuns(api);
  const now = useNow(!!runs.data?.items.some(isLiveRun));
  if (runs.isPending) return <p className="text-sm text-zinc-500">Loading runs…</p>;
  if (runs.isError) return <Alert>{runs.error.message}</Alert>;
  if (!runs.data.items.length) return <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-500">No runs yet: Start New Run runs the current version.</p>;
  return (
    <Table label="Runs">
      <THead>
        <Th>Run ID</Th>
        <Th>Version</Th>
        <Th>Status</Th>
        <Th>Started</Th>
        <Th>Duration</Th>
        <Th>Started by</Th>
      </THead>
      <TBody>
        {runs.data.items.map((r: RunView) => (
          <tr key={r.id} data-run={r.number}>
            <Td>
              <Link className="font-mono text-accent-700 hover:underline" href={`/o/${org}/platform/pipelines/${pipeline}/runs/${r.number}`}>
                #{r.number}
              </Link>
            </Td>
            <Td>Version {r.version}</Td>
            <Td>
              <PipelineStatusBadge status={r.status} />
            </Td>
            <Td>
              <Time value={r.startedAt ?? r.createdAt} />
            </Td>
            <Td>{duration(r.startedAt, r.finishedAt, now)}</Td>
            <Td>{r.triggeredBy}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

function YamlPanel({ api, p, schema, canEdit, onSaved }: { api: string; p: PipelineView; schema: object; canEdit: boolean; onSaved(): void }) {
  const versions = useVersions(api);
  const [shown, setShown] = useState<number>(p.version);
  const [text, setText] = useState(p.yaml ?? '');
  const [markers, setMarkers] = useState<EditorMarker[]>([]);
  const [message, setMessage] = useState<{ tone: 'error' | 'ok'; text: string }>();
  const [pending, setPending] = useState(false);
  const older = useVersion(api, shown !== p.version ? shown : undefined);

  async function save() {
    setPending(true);
    setMessage(undefined);
    try {
      const out = await sendJson<{ version: number }>(api, 'PATCH', { yaml: text });
      setMarkers([]);
      setShown(out.version);
      setMessage({ tone: 'ok', text: `Saved as Version ${out.version}.` });
      onSaved();
    } catch (e) {
      setMarkers(problemsOf(e));
      setMessage({ tone: 'error', text: e instanceof Error ? e.message : 'Saving failed.' });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor="pipeline-version" className="text-sm text-zinc-600">
          Version
        </label>
        <Select id="pipeline-version" value={shown} onChange={(e) => setShown(Number(e.target.value))} className="w-44">
          {(versions.data?.items ?? [{ version: p.version }]).map((v) => (
            <option key={v.version} value={v.version}>
              Version {v.version}
              {v.version === p.version ? ' (current)' : ''}
            </option>
          ))}
        </Select>
        {canEdit && shown === p.version && (
          <Button pending={pending} onClick={save} className="ml-auto">
            Save as Version {p.version + 1}
          </Button>
        )}
      </div>
      {message && (message.tone === 'error' ? <Alert>{message.text}</Alert> : <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{message.text}</p>)}
      {shown !== p.version ? (
        <pre aria-label={`Version ${shown}`} className="max-h-[28rem] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs">
          {older.data?.yaml ?? (older.isError ? older.error.message : 'Loading…')}
        </pre>
      ) : canEdit ? (
        <YamlEditor
          path="pipeline.yaml"
          schema={schema}
          defaultValue={text}
          onChange={(v) => {
            setText(v);
            if (markers.length) setMarkers([]);
          }}
          markers={markers}
          ariaLabel="Pipeline YAML"
          height={420}
        />
      ) : (
        <pre className="max-h-[28rem] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs">{p.yaml}</pre>
      )}
    </div>
  );
}

function ArgoPanel({ api, version }: { api: string; version: number }) {
  const argo = useArgoYaml(api, version);
  return (
    <div className="space-y-2">
      <p className="text-xs text-zinc-500">What this version becomes on a Kubernetes data plane: an Argo Workflow (argoproj.io/v1alpha1). Secrets appear as references, never values.</p>
      {argo.isError ? (
        <Alert>{argo.error.message}</Alert>
      ) : (
        <pre aria-label="Argo Workflow YAML" className="max-h-[32rem] overflow-auto rounded-md border border-zinc-200 bg-zinc-950 p-3 font-mono text-xs text-zinc-100">
          {argo.data ?? 'Compiling…'}
        </pre>
      )}
    </div>
  );
}
