'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson } from '@/components/deploy/api';
import type { Execution, ExecutionLogs, ExecutionPage, Schedule } from '@/lib/services/tasks/types';

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

/** One execution's log lines; stored, so they outlive the container. Live until the execution ends. */
export function useExecutionLogs(api: string, id: string) {
  return useQuery({
    queryKey: [api, 'execution-logs', id],
    queryFn: () => getJson<ExecutionLogs>(`${api}/executions/${id}/logs`),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.done ? false : LIVE_MS),
  });
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
