'use client';

import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson } from '@/components/deploy/api';
import type { Execution, ExecutionLogs, ExecutionPage, LogLine, Schedule } from '@/lib/services/tasks/types';

/** Poll once a second while something runs; otherwise look for scheduled runs now and then. */
const LIVE_MS = 1000;
const IDLE_MS = 5000;

export const isLive = (e: Pick<Execution, 'status'>) => e.status === 'queued' || e.status === 'running';

/** The execution history of one environment, newest first, with the 30-day count. */
export function useExecutions(api: string, environment: string, initial?: ExecutionPage) {
  return useQuery({
    queryKey: [api, 'executions', environment],
    queryFn: () => getJson<ExecutionPage>(`${api}/executions?environment=${encodeURIComponent(environment)}&limit=50`),
    initialData: initial,
    staleTime: LIVE_MS,
    enabled: !!environment,
    refetchInterval: (q) => (q.state.data?.items.some(isLive) ? LIVE_MS : IDLE_MS),
  });
}

/** Adds streamed lines to the stored ones, by seq: a reconnect or the first fetch may repeat some. */
export function mergeLines(have: LogLine[], more: LogLine[]): LogLine[] {
  if (!more.length) return have;
  const bySeq = new Map(have.map((l) => [l.seq, l]));
  for (const l of more) bySeq.set(l.seq, l);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * One execution's log lines: the stored log first (it outlives the container), then, while
 * the execution may still write, a Server-Sent Events stream (`…/logs?follow=1`) whose lines
 * go into the same query data; its `end` event marks the log done and refreshes the history.
 * EventSource reconnects by itself after a drop (resuming after Last-Event-ID).
 */
export function useExecutionLogs(api: string, id: string) {
  const client = useQueryClient();
  const key = [api, 'execution-logs', id];
  const query = useQuery({
    queryKey: key,
    queryFn: () => getJson<ExecutionLogs>(`${api}/executions/${id}/logs`),
    staleTime: Infinity,
  });
  const follow = query.data !== undefined && !query.data.done;
  useEffect(() => {
    if (!follow) return;
    const es = new EventSource(`${api}/executions/${id}/logs?follow=1`);
    let pending: LogLine[] = [];
    let frame: number | undefined;
    // Lines come in bursts: one render per animation frame, not per line.
    const flush = () => {
      frame = undefined;
      const more = pending;
      pending = [];
      client.setQueryData<ExecutionLogs>(key, (old) => ({ lines: mergeLines(old?.lines ?? [], more), done: old?.done ?? false }));
    };
    es.onmessage = (ev) => {
      pending.push(JSON.parse(ev.data as string) as LogLine);
      frame ??= requestAnimationFrame(flush);
    };
    es.addEventListener('end', () => {
      es.close();
      if (frame !== undefined) cancelAnimationFrame(frame);
      flush();
      client.setQueryData<ExecutionLogs>(key, (old) => ({ lines: old?.lines ?? [], done: true }));
      void client.invalidateQueries({ queryKey: [api, 'executions'] });
    });
    es.onerror = () => {
      // Closed for good (the answer was not a stream, e.g. signed out): fall back to the stored log.
      if (es.readyState === EventSource.CLOSED) void client.invalidateQueries({ queryKey: key });
    };
    return () => {
      es.close();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
    // key is derived from api and id
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, id, follow, client]);
  return query;
}

/** The schedule of one environment (null when it has none yet); `initial` undefined = fetch it. */
export function useSchedule(api: string, environment: string, initial: Schedule | null | undefined, enabled = true) {
  return useQuery({
    queryKey: [api, 'schedule', environment],
    queryFn: async () => {
      const res = await fetch(`${api}/environments/${encodeURIComponent(environment)}/schedule`, { cache: 'no-store', headers: { accept: 'application/json' } });
      if (res.status === 404) return null;
      const body = (await res.json().catch(() => null)) as (Schedule & { error?: { message?: string } }) | null;
      if (!res.ok) throw new Error(body?.error?.message ?? `The request failed (${res.status}).`);
      return body as Schedule | null;
    },
    initialData: initial,
    enabled,
    // The next and last runs move on with the clock.
    refetchInterval: 15_000,
  });
}

/** After a run, stop, schedule change: refetch what the task's pages show. */
export function useRefreshTask(api: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: [api] });
}
