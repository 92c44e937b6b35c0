'use client';

import { useState } from 'react';
import { runTaskAction, stopExecutionAction } from './actions';
import type { ComponentRef } from '@/components/deploy/component-ref';
import { Button, ButtonLink } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Select } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import type { Execution, ExecutionPage, Schedule } from '@/lib/services/tasks/types';
import { ExecutionHistory } from './execution-history';
import { ExecutionLogsPanel } from './execution-logs';
import { PlayIcon } from './icons';
import { useExecutions, useRefreshTask } from './queries';
import { RunWithArgsDialog } from './run-with-args-dialog';
import { ScheduleLine } from './schedule-line';

export interface TaskEnvironment {
  name: string;
  displayName: string;
  /** Whether a release of the task is active there (only then can it run). */
  deployed: boolean;
}

interface ExecuteBoardProps {
  target: ComponentRef;
  environments: TaskEnvironment[];
  initialEnvironment: string;
  initial?: ExecutionPage;
  canRun: boolean;
  /** Scheduled tasks show the chosen environment's schedule above the history. */
  scheduled: boolean;
  initialSchedule?: Schedule | null;
}

/** The Execute page: Run Now, Run with Arguments, the history of one environment and an execution's logs. */
export function ExecuteBoard({ target, environments, initialEnvironment, initial, canRun, scheduled, initialSchedule }: ExecuteBoardProps) {
  const toast = useToast();
  const refresh = useRefreshTask(target.api);
  const [env, setEnv] = useState(initialEnvironment);
  const [selected, setSelected] = useState<string>();
  const [argsOpen, setArgsOpen] = useState(false);
  const [stopping, setStopping] = useState<Execution | null>(null);
  const executions = useExecutions(target.api, env, env === initialEnvironment ? initial : undefined);
  const current = environments.find((e) => e.name === env);
  const label = current?.displayName ?? env;

  const run = useServerAction(runTaskAction, {
    onSuccess(r) {
      setArgsOpen(false);
      setSelected(r.id);
      toast.success(`Execution #${r.number} queued in ${label}.`);
      void refresh();
    },
  });
  const stop = useServerAction(stopExecutionAction, {
    toastErrors: true,
    onSuccess(e) {
      setStopping(null);
      toast.success(`Stopping execution #${e.number}…`);
      void refresh();
    },
  });

  if (!environments.some((e) => e.deployed)) {
    return (
      <EmptyState icon={<PlayIcon className="size-5" />} title="Deploy the task to run it" action={<ButtonLink href={`/o/${target.org}/projects/${target.project}/components/${target.component}/deploy`}>Go to Deploy</ButtonLink>}>
        A task runs the release deployed in an environment, with that environment&apos;s configs and secrets. Nothing is deployed yet.
      </EmptyState>
    );
  }

  const items = executions.data?.items ?? [];
  const shown = items.find((e) => e.id === selected) ?? null;
  const runArgs = (args?: string[]) => run.run(target.org, target.project, target.component, { environment: env, ...(args ? { args } : {}) });

  return (
    <div className="space-y-6">
      <section aria-labelledby="run-heading" className="rounded-xl border border-zinc-200 bg-white p-5">
        <h2 id="run-heading" className="sr-only">
          Run the task
        </h2>
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-56">
            <label htmlFor="execute-environment" className="mb-1.5 block text-sm font-medium text-zinc-800">
              Environment
            </label>
            <Select
              id="execute-environment"
              value={env}
              onChange={(e) => {
                setEnv(e.target.value);
                setSelected(undefined);
                // Keep the choice in the URL (reload, links) without a server round trip.
                window.history.replaceState(null, '', `?env=${encodeURIComponent(e.target.value)}`);
              }}
            >
              {environments.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.displayName}
                  {e.deployed ? '' : ' (not deployed)'}
                </option>
              ))}
            </Select>
          </div>
          {canRun && (
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => runArgs()} pending={run.pending && !argsOpen} disabled={!current?.deployed}>
                <PlayIcon className="size-4" />
                Run Now
              </Button>
              <Button
                variant="secondary"
                disabled={!current?.deployed}
                onClick={() => {
                  run.reset();
                  setArgsOpen(true);
                }}
              >
                Run with Arguments
              </Button>
            </div>
          )}
          <p className="ml-auto text-sm text-zinc-600" data-testid="executions-30-days">
            <span className="font-semibold text-zinc-900">{executions.data?.last30Days ?? '—'}</span> execution{executions.data?.last30Days === 1 ? '' : 's'} in the last 30 days
          </p>
        </div>
        {!current?.deployed && <p className="mt-3 text-sm text-amber-800">Nothing is deployed in {label}: deploy or promote a release there to run it.</p>}
        {run.formError && !argsOpen && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {run.formError}
          </p>
        )}
        {scheduled && current?.deployed && (
          <div className="mt-4 border-t border-zinc-100 pt-4">
            <ScheduleLine target={target} environment={current} initial={env === initialEnvironment ? initialSchedule : undefined} />
          </div>
        )}
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-sm font-semibold text-zinc-900">
          Execution history <span className="font-normal text-zinc-500">· {label}</span>
        </h2>
        {executions.isError && <p className="text-sm text-red-700">{executions.error.message}</p>}
        {items.length ? (
          <ExecutionHistory items={items} selected={selected} onSelect={(id) => setSelected(selected === id ? undefined : id)} onStop={canRun ? setStopping : null} />
        ) : (
          <p className="rounded-xl border border-dashed border-zinc-300 bg-white px-5 py-8 text-center text-zinc-500">
            {executions.isPending ? 'Loading executions…' : `No executions in ${label} yet.${canRun && current?.deployed ? ' Run Now starts one.' : ''}`}
          </p>
        )}
      </section>

      {shown && <ExecutionLogsPanel key={shown.id} api={target.api} execution={shown} />}

      <RunWithArgsDialog open={argsOpen} onClose={() => setArgsOpen(false)} environmentLabel={label} pending={run.pending} error={run.formError ?? Object.values(run.fields)[0]} onRun={(args) => runArgs(args)} />
      <ConfirmDialog
        open={!!stopping}
        onClose={() => setStopping(null)}
        title={`Stop execution #${stopping?.number ?? ''}`}
        confirmLabel="Stop execution"
        pending={stop.pending}
        onConfirm={() => stopping && stop.run(target.org, target.project, target.component, stopping.id)}
      >
        <p>The container gets a stop signal and, after a grace period, is killed. Its logs so far are kept.</p>
      </ConfirmDialog>
    </div>
  );
}
