'use client';

import { useEffect, useRef, useState } from 'react';
import { sendJson } from '@/components/endpoints/request';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Time } from '@/components/ui/time';
import { useToast } from '@/components/ui/toast';
import { pipelineApi, useRefresh, useRun } from './queries';
import { duration, stepTree } from './run-form';
import { PipelineStatusBadge } from './status-badge';
import { useNow } from './use-now';
import { isLiveRun, type StepView } from './types';

/** A run: its steps as the spec groups them (parallel groups side by side, attempts, skipped), per-step live logs, Stop Run. */
export function RunBoard({ org, pipeline, run }: { org: string; pipeline: string; run: string }) {
  const api = pipelineApi(org, pipeline);
  const toast = useToast();
  const refresh = useRefresh(api);
  const r = useRun(api, run);
  const [selected, setSelected] = useState<string>();
  const [confirm, setConfirm] = useState(false);
  const [stopping, setStopping] = useState(false);
  const now = useNow(!!r.data && isLiveRun(r.data));

  if (r.isPending) return <p className="text-sm text-zinc-500">Loading the run…</p>;
  if (r.isError) return <Alert>{r.error.message}</Alert>;
  const data = r.data;
  const steps = data.steps ?? [];
  const tree = stepTree(steps);
  const shown = steps.find((s) => s.id === selected) ?? steps.find((s) => s.status === 'running') ?? steps[steps.length - 1];

  async function stop() {
    setStopping(true);
    try {
      await sendJson(`${api}/runs/${encodeURIComponent(run)}/stop`, 'POST', {});
      setConfirm(false);
      toast.success(`Stopping run #${data.number}…`);
      void refresh();
    } catch (e) {
      toast.error(e instanceof Error ? e.message : 'Stopping failed.');
    } finally {
      setStopping(false);
    }
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <PipelineStatusBadge status={data.status} />
        <span className="text-sm text-zinc-600">
          Version {data.version} · started <Time value={data.startedAt ?? data.createdAt} /> by {data.triggeredBy} · {duration(data.startedAt, data.finishedAt, now)}
        </span>
        {isLiveRun(data) && (
          <Button variant="danger" className="ml-auto" onClick={() => setConfirm(true)}>
            Stop Run
          </Button>
        )}
      </div>
      {data.reason && <Alert tone="warning">{data.reason}</Alert>}
      {Object.keys(data.parameters ?? {}).length > 0 && (
        <p className="text-xs text-zinc-600" data-testid="run-parameters">
          Parameters:{' '}
          {Object.entries(data.parameters).map(([k, v]) => (
            <span key={k} className="mr-3 font-mono">
              {k}={v}
            </span>
          ))}
        </p>
      )}
      <ConfirmDialog open={confirm} onClose={() => setConfirm(false)} title={`Stop run #${data.number}?`} confirmLabel="Stop Run" onConfirm={stop} pending={stopping}>
        Running steps are stopped within their grace period; steps not started yet are skipped.
      </ConfirmDialog>
      <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <nav aria-label="Steps" className="space-y-3">
          {tree.map((g) => (
            <div key={g.group} className={g.steps.length > 1 ? 'rounded-md border border-dashed border-zinc-300 p-2' : ''}>
              {g.steps.length > 1 && <p className="mb-1 text-[11px] tracking-wide text-zinc-500 uppercase">Parallel group</p>}
              <ul className="space-y-1">
                {g.steps.map((s) => (
                  <li key={s.stepId}>
                    {s.attempts.map((a) => (
                      <button
                        key={a.id}
                        type="button"
                        data-step={a.stepId}
                        aria-current={shown?.id === a.id}
                        onClick={() => setSelected(a.id)}
                        className={`flex w-full items-center justify-between gap-2 rounded px-2 py-1 text-left text-sm ${shown?.id === a.id ? 'bg-accent-50' : 'hover:bg-zinc-50'}`}
                      >
                        <span>
                          {a.name}
                          {s.attempts.length > 1 && <span className="text-xs text-zinc-500"> · attempt {a.attempt}</span>}
                        </span>
                        <PipelineStatusBadge status={a.status} exitCode={a.exitCode} />
                      </button>
                    ))}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {!steps.length && <p className="text-sm text-zinc-500">Waiting for the first step…</p>}
        </nav>
        {shown ? <StepLogs key={shown.id} api={api} run={run} step={shown} /> : null}
      </div>
    </div>
  );
}

/** What the step attempt handed on: plain outputs with their values, secret ones only as "set". */
function StepOutputs({ step }: { step: StepView }) {
  const plain = Object.entries(step.outputs ?? {});
  const secret = step.secretOutputs ?? [];
  if (!plain.length && !secret.length) return null;
  return (
    <dl aria-label={`Outputs of ${step.name}`} className="flex flex-wrap gap-x-5 gap-y-1 text-xs">
      {plain.map(([name, value]) => (
        <div key={name} className="flex gap-1.5">
          <dt className="font-medium text-zinc-700">{name}</dt>
          <dd className="font-mono break-all text-zinc-600">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
      {secret.map((name) => (
        <div key={name} className="flex gap-1.5">
          <dt className="font-medium text-zinc-700">{name}</dt>
          <dd className="text-zinc-600">set (secret)</dd>
        </div>
      ))}
    </dl>
  );
}

type Line = { seq: number; stream?: string; text: string };

/** One step attempt's log: stored lines, then live ones over the SSE route until the step ends. */
function StepLogs({ api, run, step }: { api: string; run: string; step: StepView }) {
  const [lines, setLines] = useState<Line[]>([]);
  const [state, setState] = useState<'connecting' | 'live' | 'ended'>('connecting');
  const output = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const source = new EventSource(`${api}/runs/${encodeURIComponent(run)}/steps/${encodeURIComponent(step.id)}/logs?follow=1`);
    source.onopen = () => setState('live');
    source.onmessage = (e) => {
      const line = JSON.parse(e.data) as Line;
      setLines((all) => (all.some((l) => l.seq === line.seq) ? all : [...all, line]));
    };
    source.addEventListener('end', () => {
      setState('ended');
      source.close();
    });
    source.onerror = () => {
      setState('ended');
      source.close();
    };
    return () => source.close();
  }, [api, run, step.id]);

  useEffect(() => {
    if (output.current) output.current.scrollTop = output.current.scrollHeight;
  }, [lines.length]);

  return (
    <section aria-labelledby="step-logs-heading" className="min-w-0 space-y-2">
      <div className="flex items-center justify-between gap-3">
        <h2 id="step-logs-heading" className="text-sm font-semibold text-zinc-900">
          Logs of {step.name}
          {step.attempt > 1 ? ` (attempt ${step.attempt})` : ''}
        </h2>
        <span className="text-xs text-zinc-500" aria-live="polite">
          {state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Stored logs'}
        </span>
      </div>
      {step.message && <p className="text-xs text-zinc-600">{step.message}</p>}
      <StepOutputs step={step} />
      <pre ref={output} role="log" aria-label={`Logs of ${step.name}`} className="max-h-[32rem] min-h-40 overflow-auto rounded-lg bg-zinc-950 p-4 font-mono text-xs leading-5 whitespace-pre-wrap break-all text-zinc-100">
        {lines.length
          ? lines.map((l) => (
              <span key={l.seq} className={l.stream === 'stderr' ? 'text-red-300' : undefined}>
                {l.text}
                {'\n'}
              </span>
            ))
          : <span className="text-zinc-500">{state === 'ended' ? 'This step wrote no log lines.' : 'Waiting for the first line…'}</span>}
      </pre>
    </section>
  );
}
