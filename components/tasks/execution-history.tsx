'use client';

import { useEffect, useState } from 'react';
import { shortDigest, tagOf } from '@/components/deploy/format';
import { Button } from '@/components/ui/button';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import type { Execution } from '@/lib/services/tasks/types';
import { ExecutionStatusBadge } from './execution-status';
import { duration, triggerLabels } from './format';
import { isLive } from './queries';

interface ExecutionHistoryProps {
  items: Execution[];
  selected?: string;
  onSelect(id: string): void;
  /** Null when the caller may not stop executions. */
  onStop: ((e: Execution) => void) | null;
}

/** The execution history: number, release, trigger, start, duration, status; each row opens its logs. */
export function ExecutionHistory({ items, selected, onSelect, onStop }: ExecutionHistoryProps) {
  const now = useNow(items.some(isLive));
  return (
    <Table label="Execution history">
      <THead>
        <Th>#</Th>
        <Th>Release</Th>
        <Th>Trigger</Th>
        <Th>Started</Th>
        <Th>Duration</Th>
        <Th>Status</Th>
        <Th>
          <span className="sr-only">Actions</span>
        </Th>
      </THead>
      <TBody>
        {items.map((e) => {
          const started = e.startedAt ? new Date(e.startedAt).getTime() : null;
          const ended = e.finishedAt ? new Date(e.finishedAt).getTime() : isLive(e) ? now : null;
          return (
            <tr key={e.id} data-execution={e.number} aria-selected={selected === e.id} className={selected === e.id ? 'bg-accent-50/60' : undefined}>
              <Td className="font-mono text-xs text-zinc-900">{e.number}</Td>
              <Td>
                <span className="font-mono text-xs text-zinc-900">{tagOf(e.release.image) ?? 'untagged'}</span>{' '}
                <span className="font-mono text-xs text-zinc-500" title={e.release.digest}>
                  {shortDigest(e.release.digest)}
                </span>
              </Td>
              <Td className="text-xs">{triggerLabels[e.trigger]}</Td>
              <Td className="text-xs">
                <Time value={e.startedAt ?? e.scheduledFor} fallback="not started" />
              </Td>
              <Td className="font-mono text-xs">{started !== null && ended !== null ? duration(ended - started) : '—'}</Td>
              <Td className="whitespace-nowrap">
                <ExecutionStatusBadge status={e.status} exitCode={e.exitCode} />
                {e.reason && (e.status === 'skipped' || e.status === 'missed') && <span className="mt-0.5 block max-w-56 text-xs whitespace-normal text-zinc-500">{e.reason}</span>}
              </Td>
              <Td className="text-right whitespace-nowrap">
                {onStop && isLive(e) && (
                  <Button variant="danger-ghost" size="sm" onClick={() => onStop(e)}>
                    Stop
                  </Button>
                )}
                <Button variant={selected === e.id ? 'secondary' : 'ghost'} size="sm" aria-pressed={selected === e.id} onClick={() => onSelect(e.id)}>
                  Logs<span className="sr-only"> of execution #{e.number}</span>
                </Button>
              </Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}

/** The clock for running durations: ticks each second while something runs, then stops. */
function useNow(ticking: boolean) {
  // Null until mounted, so server and browser render the same first text.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    if (!ticking) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [ticking]);
  return now;
}
