'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson } from './api';
import { isFinal } from './status';
import type { DeploymentDetail, DeploymentRow, EnvironmentCard, Release } from './types';

/** Poll once a second while something has not settled; otherwise stay still. */
const LIVE_MS = 1000;

/** The environment cards in promotion order, live while a deployment is queued or rolling out. */
export function useEnvironmentCards(api: string, initial: EnvironmentCard[]) {
  return useQuery({
    queryKey: [api, 'environments'],
    queryFn: () => Promise.all(initial.map((e) => getJson<EnvironmentCard>(`${api}/environments/${e.name}`))),
    initialData: initial,
    staleTime: LIVE_MS,
    refetchInterval: (q) => (q.state.data?.some((c) => c.latest && !isFinal(c.latest.status)) ? LIVE_MS : false),
  });
}

export function useDeploymentHistory(api: string, initial: DeploymentRow[]) {
  return useQuery({
    queryKey: [api, 'deployments'],
    queryFn: async () => (await getJson<{ items: DeploymentRow[] }>(`${api}/deployments`)).items,
    initialData: initial,
    staleTime: LIVE_MS,
    refetchInterval: (q) => (q.state.data?.some((d) => !isFinal(d.status)) ? LIVE_MS : false),
  });
}

/** One deployment with its status history and last log lines. */
export function useDeployment(orgSlug: string, id: string, enabled = true) {
  return useQuery({
    queryKey: ['deployment', orgSlug, id],
    queryFn: () => getJson<DeploymentDetail>(`/api/v1/orgs/${orgSlug}/deployments/${id}`),
    enabled,
    refetchInterval: (q) => (q.state.data && isFinal(q.state.data.status) ? false : LIVE_MS),
  });
}

/** Previous Images: every release of the component, newest first. */
export function useReleases(api: string) {
  return useQuery({
    queryKey: [api, 'releases'],
    queryFn: async () => (await getJson<{ items: Release[] }>(`${api}/releases`)).items,
    staleTime: 0,
  });
}

/** After a deploy or promotion: refetch what the component's pages show, which restarts polling. */
export function useRefreshComponent(api: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: [api] });
}
