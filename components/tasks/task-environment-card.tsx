'use client';

import Link from 'next/link';
import { useState } from 'react';
import { setSchedulePausedAction } from './actions';
import type { ComponentRef } from '@/components/deploy/component-ref';
import { CardFrame, pendingOf, PromotionFooter, ReleaseLine, RolloutState } from '@/components/deploy/environment-card-parts';
import { isFinal } from '@/components/deploy/status';
import { StatusBadge } from '@/components/deploy/status-badge';
import type { EnvironmentCard } from '@/components/deploy/types';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Time } from '@/components/ui/time';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import type { Execution, Schedule } from '@/lib/services/tasks/types';
import { ExecutionStatusBadge } from './execution-status';
import { inZone } from './format';
import { ClockIcon, PauseIcon, PlayIcon } from './icons';
import { useRefreshTask, useSchedule } from './queries';
import { ScheduleDialog } from './schedule-dialog';

interface TaskEnvironmentCardProps {
  target: ComponentRef;
  card: EnvironmentCard;
  next?: EnvironmentCard;
  scheduled: boolean;
  schedule: Schedule | null;
  /** The newest execution here (manual tasks; a schedule carries its own last run). */
  lastExecution: Execution | null;
  /** The cron the component was created with: where a first schedule starts. */
  defaultCron: string | null;
  canDeploy: boolean;
  canApprove: boolean;
}

/**
 * One environment of a task. A task does not "run" between executions, so the card says what
 * is deployed, then — for a scheduled task — Scheduled Status: Active / Paused with the next
 * and last run, or — for a manual task — Ready to run and the last execution.
 */
export function TaskEnvironmentCard({ target, card, next, scheduled, schedule: initialSchedule, lastExecution, defaultCron, canDeploy, canApprove }: TaskEnvironmentCardProps) {
  const { active, latest } = card;
  const pending = pendingOf(card);
  const schedule = useSchedule(target.api, card.name, initialSchedule, scheduled && !!active).data ?? null;
  const [editing, setEditing] = useState(false);
  const executeHref = `/o/${target.org}/projects/${target.project}/components/${target.component}/execute?env=${encodeURIComponent(card.name)}`;
  const last = scheduled ? (schedule?.lastRun ?? null) : lastExecution;

  return (
    <CardFrame
      card={card}
      badge={
        pending && !isFinal(pending.status) ? (
          <StatusBadge status={pending.status} />
        ) : !active ? (
          pending?.status === 'failed' ? <StatusBadge status="failed" /> : <span className="text-xs text-zinc-500">Not deployed</span>
        ) : scheduled ? null : (
          <Badge tone="success">Ready to run</Badge>
        )
      }
      footer={
        <>
          {active && (
            <div className="mt-4 flex flex-wrap items-center gap-2 border-t border-zinc-100 pt-3">
              {scheduled && canDeploy && <ScheduleButtons target={target} environment={card} schedule={schedule} onEdit={() => setEditing(true)} />}
              <Link href={executeHref} className="text-sm text-accent-700 hover:underline">
                {scheduled ? 'Executions' : 'Execute'}
              </Link>
            </div>
          )}
          <PromotionFooter target={target} card={card} next={next} canDeploy={canDeploy} canApprove={canApprove} sameRelease="{env} has this release too." />
          {scheduled && canDeploy && (
            <ScheduleDialog
              open={editing}
              onClose={() => setEditing(false)}
              target={target}
              environment={card}
              initial={schedule ?? (defaultCron ? { cron: defaultCron } : null)}
            />
          )}
        </>
      }
    >
      <RolloutState target={target} card={card} />
      {active ? (
        <>
          {scheduled && <ScheduledStatus schedule={schedule} />}
          <ReleaseLine label="Deployed" release={active} />
          {scheduled && <ScheduleSummary schedule={schedule} />}
          <div>
            <p className="text-xs text-zinc-500">{scheduled ? 'Last run' : 'Last execution'}</p>
            {last ? (
              <p className="flex flex-wrap items-center gap-2" data-testid="last-run">
                <Link href={`${executeHref}`} className="font-mono text-xs text-accent-700 hover:underline">
                  #{last.number}
                </Link>
                <ExecutionStatusBadge status={last.status} exitCode={last.exitCode} />
                <span className="text-xs text-zinc-500">
                  <Time value={last.startedAt ?? last.scheduledFor ?? last.finishedAt} />
                </span>
              </p>
            ) : (
              <p className="text-xs text-zinc-500">{scheduled ? 'Not run yet.' : 'Never run here. Run it from the Execute page.'}</p>
            )}
          </div>
        </>
      ) : (
        !latest && <p className="text-zinc-500">Not deployed here yet.{card.position > 0 && ' Promote a release from the previous environment.'}</p>
      )}
    </CardFrame>
  );
}

function ScheduledStatus({ schedule }: { schedule: Schedule | null }) {
  return (
    <p className="flex items-center gap-2 text-sm text-zinc-700" data-testid="scheduled-status">
      Scheduled Status:
      {schedule ? <Badge tone={schedule.paused ? 'warning' : 'success'}>{schedule.paused ? 'Paused' : 'Active'}</Badge> : <Badge tone="warning">No schedule</Badge>}
    </p>
  );
}

function ScheduleSummary({ schedule }: { schedule: Schedule | null }) {
  if (!schedule) return <p className="text-amber-800">No schedule is set here yet, so the task never runs on its own. Set one below.</p>;
  return (
    <div className="space-y-2">
      <div>
        <p className="text-xs text-zinc-500">Schedule</p>
        <p className="text-zinc-900">
          {schedule.description} <span className="text-zinc-500">({schedule.timeZone})</span>
        </p>
        <p className="font-mono text-xs text-zinc-500">
          {schedule.cron} · {schedule.concurrencyPolicy}
        </p>
      </div>
      <div>
        <p className="text-xs text-zinc-500">Next run</p>
        <p className="text-xs text-zinc-800" data-testid="next-run">
          {schedule.paused ? 'None while paused.' : schedule.nextRuns[0] ? inZone(schedule.nextRuns[0], schedule.timeZone) : '—'}
        </p>
      </div>
    </div>
  );
}

function ScheduleButtons({ target, environment, schedule, onEdit }: { target: ComponentRef; environment: { name: string; displayName: string }; schedule: Schedule | null; onEdit(): void }) {
  const toast = useToast();
  const refresh = useRefreshTask(target.api);
  const pause = useServerAction(setSchedulePausedAction, {
    toastErrors: true,
    onSuccess(s) {
      toast.success(s.paused ? `Schedule paused in ${environment.displayName}.` : `Schedule resumed in ${environment.displayName}.`);
      void refresh();
    },
  });
  return (
    <>
      <Button variant={schedule ? 'secondary' : 'primary'} size="sm" onClick={onEdit}>
        <ClockIcon className="size-4" />
        {schedule ? 'Edit schedule' : 'Set schedule'}
      </Button>
      {schedule && (
        <Button variant="secondary" size="sm" pending={pause.pending} onClick={() => pause.run(target.org, target.project, target.component, environment.name, !schedule.paused)}>
          {schedule.paused ? <PlayIcon className="size-4" /> : <PauseIcon className="size-4" />}
          {schedule.paused ? 'Resume' : 'Pause'}
        </Button>
      )}
    </>
  );
}
