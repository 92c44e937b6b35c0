'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson } from '@/components/deploy/api';
import { isLiveRun, type Page, type PipelineSummary, type PipelineView, type RunView, type VersionView } from './types';

/** Poll once a second while a run is live (the runs table "updating live"); rarely otherwise. */
const LIVE_MS = 1000;
const IDLE_MS = 5000;

export const pipelinesApi = (org: string) => `/api/v1/orgs/${encodeURIComponent(org)}/pipelines`;
export const pipelineApi = (org: string, pipeline: string) => `${pipelinesApi(org)}/${encodeURIComponent(pipeline)}`;

export function usePipelines(org: string) {
  return useQuery({ queryKey: [pipelinesApi(org)], queryFn: () => getJson<Page<PipelineSummary>>(pipelinesApi(org)), refetchInterval: IDLE_MS });
}

export function usePipeline(api: string) {
  return useQuery({ queryKey: [api], queryFn: () => getJson<PipelineView>(api) });
}

export function useVersions(api: string) {
  return useQuery({ queryKey: [api, 'versions'], queryFn: () => getJson<Page<VersionView>>(`${api}/versions`) });
}

/** One saved version with its YAML (older versions are readable, not editable); undefined: none asked. */
export function useVersion(api: string, version: number | undefined) {
  return useQuery({
    queryKey: [api, 'versions', version],
    queryFn: () => getJson<VersionView & { yaml: string }>(`${api}/versions/${version}`),
    enabled: version !== undefined,
  });
}

/** The compiled Argo Workflow (YAML; secrets as references, never values). */
export function useArgoYaml(api: string, version: number | undefined) {
  return useQuery({
    queryKey: [api, 'argo', version],
    queryFn: async () => {
      const res = await fetch(`${api}/argo`, { cache: 'no-store', headers: { accept: 'application/yaml, application/json' } });
      const text = await res.text();
      if (!res.ok) {
        let message = `The request failed (${res.status}).`;
        try {
          message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
        } catch {
          /* not JSON */
        }
        throw new Error(message);
      }
      // The route may answer YAML text or { yaml }.
      try {
        return (JSON.parse(text) as { yaml: string }).yaml ?? text;
      } catch {
        return text;
      }
    },
  });
}

export function useRuns(api: string) {
  return useQuery({
    queryKey: [api, 'runs'],
    queryFn: () => getJson<Page<RunView>>(`${api}/runs`),
    refetchInterval: (q) => (q.state.data?.items.some(isLiveRun) ? LIVE_MS : IDLE_MS),
  });
}

export function useRun(api: string, run: string) {
  return useQuery({
    queryKey: [api, 'runs', run],
    queryFn: () => getJson<RunView>(`${api}/runs/${encodeURIComponent(run)}`),
    refetchInterval: (q) => (!q.state.data || isLiveRun(q.state.data) ? LIVE_MS : false),
  });
}

export function useRefresh(api: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: [api] });
}
