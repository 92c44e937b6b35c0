'use client';

import { useQueryClient, type Query } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { resumeDeployToasts } from '@/components/deploy/watch-deployment';
import { useToast } from '@/components/ui/toast';
import type { DeploymentChange } from '@/lib/services/orgs/follow-org-changes';

/**
 * Keeps the console true without reloading: one EventSource per tab on the organisation's change
 * feed (GET /api/v1/orgs/{org}/events). A deployment change refetches that component's queries
 * (Deploy page, environment cards, history, timelines) and re-renders server-rendered pages that
 * asked for it (`useLiveRefresh`: Overview, component listing); watchers (the "Deploying…" toast)
 * hear each deployment's new status at once. EventSource reconnects by itself and resumes from
 * the last cursor (Last-Event-ID).
 */
export function OrgChangeFeed({ org }: { org: string }) {
  const client = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  useEffect(() => {
    resumeDeployToasts(org, toast.progress);
  }, [org, toast]);
  useEffect(() => {
    const base = `/api/v1/orgs/${org}`;
    const source = new EventSource(`${base}/events`);
    const refresh = throttle(() => {
      if (liveRefreshers > 0) router.refresh();
    }, 1500);
    const underPrefix = (prefixes: string[]) => (q: Query) => typeof q.queryKey[0] === 'string' && prefixes.some((p) => (q.queryKey[0] as string).startsWith(p));
    source.addEventListener('deployments', (e) => {
      const { changes } = JSON.parse((e as MessageEvent<string>).data) as { changes: DeploymentChange[] };
      const components = [...new Set(changes.map((c) => `${base}/projects/${c.project}/components/${c.component}`))];
      void client.invalidateQueries({ predicate: underPrefix(components) });
      for (const c of changes) {
        void client.invalidateQueries({ queryKey: ['deployment', org, c.id] });
        window.dispatchEvent(new CustomEvent<DeploymentChange>(DEPLOYMENT_EVENT, { detail: c }));
      }
      refresh();
    });
    source.addEventListener('components', () => {
      void client.invalidateQueries({ predicate: underPrefix([base]) });
      refresh();
    });
    return () => {
      source.close();
      refresh.cancel();
    };
  }, [org, client, router]);
  return null;
}

const DEPLOYMENT_EVENT = 'gantry:deployment-change';

/** Calls `on` with every change of deployment `id` the feed hears; returns the unsubscribe. */
export function onDeploymentChange(id: string, on: (c: DeploymentChange) => void): () => void {
  const listener = (e: Event) => {
    const c = (e as CustomEvent<DeploymentChange>).detail;
    if (c.id === id) on(c);
  };
  window.addEventListener(DEPLOYMENT_EVENT, listener);
  return () => window.removeEventListener(DEPLOYMENT_EVENT, listener);
}

let liveRefreshers = 0;

/** A server-rendered page showing live state (statuses in listings) re-renders when the feed says something changed. */
export function useLiveRefresh() {
  useEffect(() => {
    liveRefreshers++;
    return () => {
      liveRefreshers--;
    };
  }, []);
}

/** For server components: `<LiveRefresh />` anywhere in the page. */
export function LiveRefresh() {
  useLiveRefresh();
  return null;
}

function throttle(fn: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const run = () => {
    timer = undefined;
    last = Date.now();
    fn();
  };
  const throttled = () => {
    if (timer) return;
    timer = setTimeout(run, Math.max(0, last + ms - Date.now()));
  };
  throttled.cancel = () => clearTimeout(timer);
  return throttled;
}
