'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { listAuditEventsAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';

export interface AuditItem {
  id: string;
  createdAt: Date;
  actorLabel: string;
  via: 'console' | 'api' | 'ci' | 'system';
  action: string;
  targetType: string;
  targetLabel: string | null;
  data: Record<string, unknown>;
}
type AuditFilterValuesLike = Partial<Record<'actor' | 'action' | 'target' | 'from' | 'to', string>>;

export interface AuditPage {
  items: AuditItem[];
  nextCursor: string | null;
}

const viaLabels: Record<AuditItem['via'], string> = { console: 'Console', api: 'API key', ci: 'CI token', system: 'System' };

function ViaBadge({ via }: { via: AuditItem['via'] }) {
  return <Badge tone={via === 'console' ? 'neutral' : 'accent'}>{viaLabels[via]}</Badge>;
}

function details(data: Record<string, unknown>) {
  return Object.entries(data)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

/** The server-rendered first page, then "Load more" pages through the keyset cursor. */
export function AuditLog({ orgSlug, first, pageSize, filters = {} }: { orgSlug: string; first: AuditPage; pageSize: number; filters?: { [k: string]: string | undefined } | AuditFilterValuesLike }) {
  const q = useInfiniteQuery({
    // A new server render (new newest event, other filters) starts a fresh list.
    queryKey: ['audit-log', orgSlug, filters, first.items[0]?.id ?? 'empty'],
    queryFn: async ({ pageParam }): Promise<AuditPage> => {
      const r = await listAuditEventsAction({ org: orgSlug, ...filters, cursor: pageParam, limit: pageSize });
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [first], pageParams: [undefined] },
    staleTime: Infinity,
  });
  const items = q.data.pages.flatMap((p) => p.items);

  return (
    <div className="space-y-4">
      <Table label="Audit log">
        <THead>
          <Th>When</Th>
          <Th>Who</Th>
          <Th className="hidden lg:table-cell">Via</Th>
          <Th>Action</Th>
          <Th>Target</Th>
        </THead>
        <TBody>
          {items.map((e) => (
            <tr key={e.id}>
              <Td>
                <Time value={e.createdAt} />
              </Td>
              <Td className="max-w-56">
                <span className="block truncate" title={e.actorLabel}>
                  {e.actorLabel}
                </span>
                <span className="mt-1 block lg:hidden">
                  <ViaBadge via={e.via} />
                </span>
              </Td>
              <Td className="hidden lg:table-cell">
                <ViaBadge via={e.via} />
              </Td>
              <Td>
                <code className="font-mono text-xs text-zinc-800">{e.action}</code>
              </Td>
              <Td className="max-w-80">
                <span className="block truncate">
                  <span className="text-zinc-600">{e.targetType}</span> {e.targetLabel}
                </span>
                {Object.keys(e.data).length > 0 && (
                  <span className="block truncate text-xs text-zinc-600" title={details(e.data)}>
                    {details(e.data)}
                  </span>
                )}
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
      {q.isFetchNextPageError && <Alert>{q.error?.message ?? 'Loading more events failed.'}</Alert>}
      {q.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" pending={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
            Load more
          </Button>
        </div>
      ) : (
        <p className="text-center text-xs text-zinc-600">{items.length === 1 ? 'That is the only event.' : `All ${items.length} events shown.`}</p>
      )}
    </div>
  );
}
