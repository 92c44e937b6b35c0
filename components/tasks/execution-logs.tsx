'use client';

import { useEffect, useRef } from 'react';
import { shortDigest, tagOf } from '@/components/deploy/format';
import { Time } from '@/components/ui/time';
import type { Execution } from '@/lib/services/tasks/types';
import { ExecutionStatusBadge } from './execution-status';
import { triggerLabels } from './format';
import { isLive, useExecutionLogs } from './queries';

/** One execution's logs, live while it runs and kept after its container is gone. */
export function ExecutionLogsPanel({ api, execution }: { api: string; execution: Execution }) {
  const logs = useExecutionLogs(api, execution.id);
  const output = useRef<HTMLPreElement>(null);
  const lines = logs.data?.lines ?? [];
  const live = isLive(execution) || (logs.data && !logs.data.done);

  useEffect(() => {
    const el = output.current;
    if (el && live) el.scrollTop = el.scrollHeight;
  }, [lines.length, live]);

  return (
    <section aria-labelledby="execution-logs-heading" data-execution-logs={execution.number} className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="execution-logs-heading" className="text-sm font-semibold text-zinc-900">
          Logs of execution #{execution.number}
        </h2>
        <ExecutionStatusBadge status={execution.status} exitCode={execution.exitCode} />
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_1fr_auto_1fr]">
        <dt className="text-zinc-500">Release</dt>
        <dd className="font-mono text-zinc-800">
          {tagOf(execution.release.image) ?? 'untagged'} <span className="text-zinc-500">{shortDigest(execution.release.digest)}</span>
        </dd>
        <dt className="text-zinc-500">Trigger</dt>
        <dd className="text-zinc-800">
          {triggerLabels[execution.trigger]}
          {execution.scheduledFor && (
            <>
              {' '}
              for <Time value={execution.scheduledFor} />
            </>
          )}
        </dd>
        <dt className="text-zinc-500">Arguments</dt>
        <dd className="font-mono break-all text-zinc-800 sm:col-span-3" data-testid="execution-args">
          {execution.args.length ? execution.args.map((a) => JSON.stringify(a)).join(' ') : <span className="font-sans text-zinc-500">none (the image's own command)</span>}
        </dd>
        {execution.reason && (
          <>
            <dt className="text-zinc-500">Reason</dt>
            <dd className="text-zinc-800 sm:col-span-3">{execution.reason}</dd>
          </>
        )}
      </dl>
      <p className="text-xs text-zinc-500" aria-live="polite">
        {logs.isError ? (
          <span className="text-red-700">{logs.error.message}</span>
        ) : live ? (
          <span className="flex items-center gap-1.5 text-emerald-700">
            <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-emerald-500" /> Live: new lines appear as the task writes them
          </span>
        ) : (
          'Stored logs: kept after the container is removed.'
        )}
      </p>
      <pre
        ref={output}
        role="log"
        aria-label={`Logs of execution #${execution.number}`}
        tabIndex={0}
        className="max-h-[28rem] min-h-40 overflow-auto rounded-lg bg-zinc-950 p-4 font-mono text-xs leading-5 whitespace-pre-wrap break-all text-zinc-100"
      >
        {lines.length ? (
          lines.map((l) => (
            <span key={l.seq} className={l.stream === 'stderr' ? 'text-red-300' : undefined}>
              {l.text}
              {'\n'}
            </span>
          ))
        ) : (
          <span className="text-zinc-300">{logs.isPending ? 'Loading logs…' : live ? 'Waiting for the first line…' : 'This execution wrote no log lines.'}</span>
        )}
      </pre>
    </section>
  );
}
