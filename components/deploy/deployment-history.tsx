'use client';

import { Fragment, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ChevronDownIcon, ChevronRightIcon } from '@/components/ui/icons';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { shortDigest, tagOf } from './format';
import { useDeployment, useDeploymentHistory } from './queries';
import { statusLabels, triggerLabel } from './status';
import { StatusBadge } from './status-badge';
import type { DeploymentRow } from './types';

const PAGE = 10;

/** Every deployment of the component, newest first; each opens onto its status timeline. */
export function DeploymentHistory({ api, orgSlug, initial, environments, activeLabel }: { api: string; orgSlug: string; initial: DeploymentRow[]; environments: Map<string, string>; activeLabel?: string }) {
  const history = useDeploymentHistory(api, initial);
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<string>();
  const rows = history.data;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  // New rows arrive at the top while someone reads an older page: stay within range.
  const current = Math.min(page, pages - 1);
  if (!rows.length) return <p className="rounded-xl border border-dashed border-zinc-300 bg-white px-5 py-8 text-center text-zinc-500">No deployments yet.</p>;
  return (
    <div className="space-y-3">
      <Table label="Deployment history">
        <THead>
          <Th>Status</Th>
          <Th>Environment</Th>
          <Th>Image</Th>
          <Th>Started</Th>
          <Th>Trigger</Th>
          <Th>
            <span className="sr-only">Timeline</span>
          </Th>
        </THead>
        <TBody>
          {rows.slice(current * PAGE, (current + 1) * PAGE).map((d) => (
            <Fragment key={d.id}>
              <tr data-deployment={d.id}>
                <Td>
                  <StatusBadge status={d.status} activeLabel={activeLabel} />
                </Td>
                <Td>{environments.get(d.environment) ?? d.environment}</Td>
                <Td>
                  <span className="font-mono text-xs text-zinc-900">{tagOf(d.image) ?? 'untagged'}</span>{' '}
                  <span className="font-mono text-xs text-zinc-500" title={d.digest}>
                    {shortDigest(d.digest)}
                  </span>
                </Td>
                <Td className="text-xs">
                  <Time value={d.createdAt} />
                </Td>
                <Td className="text-xs">
                  <span className="font-medium text-zinc-800" data-trigger={d.trigger ?? ''}>
                    {triggerLabel(d.trigger, d.triggeredByType)}
                  </span>
                  <span className="block text-zinc-600">{d.triggeredBy}</span>
                </Td>
                <Td className="text-right">
                  <Button variant="ghost" size="sm" aria-expanded={open === d.id} aria-label={open === d.id ? 'Hide timeline' : 'Show timeline'} onClick={() => setOpen(open === d.id ? undefined : d.id)}>
                    {open === d.id ? <ChevronDownIcon className="size-4" /> : <ChevronRightIcon className="size-4" />}
                    <span className="hidden md:inline">Timeline</span>
                  </Button>
                </Td>
              </tr>
              {open === d.id && (
                <tr>
                  <td colSpan={6} className="bg-zinc-50 px-4 py-3">
                    <Timeline orgSlug={orgSlug} deployment={d} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </TBody>
      </Table>
      {pages > 1 && (
        <nav aria-label="Deployment history pages" className="flex items-center gap-3 text-xs text-zinc-600">
          <Button variant="secondary" size="sm" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Newer
          </Button>
          <span>
            Page {current + 1} of {pages}
          </span>
          <Button variant="secondary" size="sm" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            Older
          </Button>
        </nav>
      )}
    </div>
  );
}

function Timeline({ orgSlug, deployment }: { orgSlug: string; deployment: DeploymentRow }) {
  const detail = useDeployment(orgSlug, deployment.id);
  if (detail.isPending) return <p className="text-zinc-500">Loading the timeline…</p>;
  if (detail.isError) return <p className="text-red-700">{detail.error.message}</p>;
  return (
    <div className="space-y-2">
      <ol className="space-y-1.5 border-l-2 border-zinc-200 pl-4">
        {detail.data.events.map((e, i) => (
          <li key={i} className="relative text-sm">
            <span aria-hidden="true" className={`absolute top-1.5 -left-[21px] size-2 rounded-full ${e.status === 'failed' ? 'bg-red-500' : e.status === 'active' ? 'bg-emerald-500' : 'bg-zinc-400'}`} />
            <span className="font-medium text-zinc-900">{statusLabels[e.status]}</span>
            <time dateTime={e.at} title={e.at} className="ml-2 font-mono text-xs text-zinc-500">
              {e.at.slice(11, 19)} UTC
            </time>
            {e.message && <span className="block text-xs text-zinc-600">{e.message}</span>}
          </li>
        ))}
      </ol>
      <p className="font-mono text-xs break-all text-zinc-500">{deployment.image}</p>
    </div>
  );
}
