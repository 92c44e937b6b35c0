'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SearchIcon } from '@/components/ui/icons';
import { Select } from '@/components/ui/input';

const MAX_LINES = 5000;

type Stream = { state: 'connecting' | 'live' | 'paused' } | { state: 'ended'; message: string };

interface LogsViewerProps {
  /** REST base of the component. */
  api: string;
  environments: { name: string; displayName: string; running: boolean }[];
}

/** Runtime logs of what runs in one environment: a live tail over Server-Sent Events, filtered in the browser. */
export function LogsViewer({ api, environments }: LogsViewerProps) {
  const [env, setEnv] = useState((environments.find((e) => e.running) ?? environments[0])?.name ?? '');
  const [follow, setFollow] = useState(true);
  const [session, setSession] = useState(0);
  const [lines, setLines] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const [stream, setStream] = useState<Stream>({ state: 'connecting' });
  const output = useRef<HTMLPreElement>(null);
  const running = environments.find((e) => e.name === env)?.running ?? false;
  const envLabel = environments.find((e) => e.name === env)?.displayName ?? env;

  useEffect(() => {
    if (!env) return;
    if (!follow) {
      setStream({ state: 'paused' });
      return;
    }
    setLines([]);
    setStream({ state: 'connecting' });
    const base = `${api}/environments/${encodeURIComponent(env)}/logs`;
    const source = new EventSource(`${base}?follow=1&tail=200`);
    source.onopen = () => setStream({ state: 'live' });
    source.onmessage = (e) => {
      setStream({ state: 'live' });
      setLines((all) => [...all, JSON.parse(e.data) as string].slice(-MAX_LINES));
    };
    source.onerror = async () => {
      source.close();
      // EventSource hides the answer: ask once more without following to learn why.
      const res = await fetch(`${base}?tail=1`, { cache: 'no-store' }).catch(() => null);
      const body = (await res?.json().catch(() => null)) as { error?: { message?: string } } | null;
      setStream({ state: 'ended', message: body?.error?.message ?? 'The log stream ended: the container stopped or was replaced.' });
    };
    return () => source.close();
  }, [api, env, follow, session]);

  useEffect(() => {
    if (follow && output.current) output.current.scrollTop = output.current.scrollHeight;
  }, [lines, follow]);

  const needle = query.trim().toLowerCase();
  const shown = needle ? lines.filter((l) => l.toLowerCase().includes(needle)) : lines;

  return (
    <section aria-labelledby="logs-heading" className="space-y-3">
      <h2 id="logs-heading" className="sr-only">
        Runtime logs
      </h2>
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor="logs-environment" className="sr-only">
          Environment
        </label>
        <Select id="logs-environment" value={env} onChange={(e) => setEnv(e.target.value)} className="w-48">
          {environments.map((e) => (
            <option key={e.name} value={e.name}>
              {e.displayName}
              {e.running ? '' : ' (not running)'}
            </option>
          ))}
        </Select>
        <div className="relative min-w-40 flex-1">
          <label htmlFor="logs-search" className="sr-only">
            Filter lines
          </label>
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" />
          <input
            id="logs-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Filter lines"
            className="h-9 w-full rounded-md border border-zinc-300 bg-white pr-3 pl-9 text-sm shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-accent-500"
          />
        </div>
        <label className="flex items-center gap-2 text-sm text-zinc-800">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} className="accent-accent-600" />
          Follow
        </label>
        <Button variant="secondary" onClick={() => setLines([])}>
          Clear
        </Button>
      </div>
      <p className="flex flex-wrap items-center gap-2 text-xs text-zinc-500" aria-live="polite">
        <StreamState stream={stream} envLabel={envLabel} running={running} />
        {stream.state === 'ended' && (
          <Button variant="ghost" size="sm" onClick={() => setSession((s) => s + 1)}>
            Reconnect
          </Button>
        )}
        {needle && (
          <span>
            · {shown.length} of {lines.length} lines match
          </span>
        )}
      </p>
      <pre
        ref={output}
        role="log"
        aria-label={`Logs of ${envLabel}`}
        tabIndex={0}
        className="h-[28rem] overflow-auto rounded-xl bg-zinc-950 p-4 font-mono text-xs leading-5 whitespace-pre-wrap break-all text-zinc-100"
      >
        {shown.length ? shown.join('\n') : <span className="text-zinc-300">{lines.length ? 'No line matches the filter.' : 'No log lines yet.'}</span>}
      </pre>
    </section>
  );
}

function StreamState({ stream, envLabel, running }: { stream: Stream; envLabel: string; running: boolean }) {
  if (stream.state === 'ended') return <span className={running ? 'text-amber-700' : undefined}>{stream.message}</span>;
  if (stream.state === 'paused') return <span>Paused. Tick Follow to resume the live tail (the last 200 lines are shown again).</span>;
  // The server answers with the first line, so a quiet container and a slow connection look alike.
  if (stream.state === 'connecting') return <span>Waiting for log lines from {envLabel}…</span>;
  return (
    <span className="flex items-center gap-1.5 text-emerald-700">
      <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-emerald-500" /> Live: following {envLabel}
    </span>
  );
}
