'use client';

import Link from 'next/link';
import type { ComponentRef } from '@/components/deploy/component-ref';
import { Badge } from '@/components/ui/badge';
import type { Schedule } from '@/lib/services/tasks/types';
import { inZone } from './format';
import { useSchedule } from './queries';

/** One line on the Execute page: Scheduled Status, what the schedule says and when it runs next. */
export function ScheduleLine({ target, environment, initial }: { target: ComponentRef; environment: { name: string; displayName: string }; initial?: Schedule | null }) {
  const q = useSchedule(target.api, environment.name, initial);
  const s = q.data;
  const deployHref = `/o/${target.org}/projects/${target.project}/components/${target.component}/deploy`;
  if (q.isPending) return <p className="text-sm text-zinc-500">Reading the schedule…</p>;
  if (!s)
    return (
      <p className="text-sm text-amber-800">
        No schedule in {environment.displayName} yet: the task runs only when started here. <Link href={deployHref} className="text-accent-700 hover:underline">Set one on the Deploy page.</Link>
      </p>
    );
  return (
    <dl className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
      <div className="flex items-center gap-2">
        <dt className="text-zinc-500">Scheduled Status</dt>
        <dd>
          <Badge tone={s.paused ? 'warning' : 'success'}>{s.paused ? 'Paused' : 'Active'}</Badge>
        </dd>
      </div>
      <div className="flex items-center gap-2">
        <dt className="text-zinc-500">Schedule</dt>
        <dd className="text-zinc-900">
          {s.description} <span className="font-mono text-xs text-zinc-500">({s.cron}, {s.timeZone})</span>
        </dd>
      </div>
      <div className="flex items-center gap-2">
        <dt className="text-zinc-500">Next run</dt>
        <dd className="text-zinc-900">{s.paused ? 'paused' : s.nextRuns[0] ? inZone(s.nextRuns[0], s.timeZone) : '—'}</dd>
      </div>
      <Link href={deployHref} className="text-accent-700 hover:underline">
        Edit on Deploy
      </Link>
    </dl>
  );
}
