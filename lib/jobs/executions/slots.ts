import { nextRuns } from '@/lib/schedule';

/** Slots recorded as missed after downtime, at most (the most recent ones). */
export const MISSED_CAP = 100;

export interface DueSchedule {
  cron: string;
  timeZone: string;
  nextRunAt: Date;
  startingDeadlineSeconds: number;
}

function slotsBetween(s: DueSchedule, after: Date, until: Date, max: number): Date[] {
  const out: Date[] = [];
  let cursor = after;
  while (out.length < max) {
    const [n] = nextRuns(s.cron, s.timeZone, cursor, 1);
    if (!n || n.getTime() > until.getTime()) break;
    out.push(n);
    cursor = n;
  }
  return out;
}

/**
 * Which due slots to run and which were missed, at `now` (Kubernetes CronJob v2 behaviour):
 * only the most recent slot runs, and only while within the starting deadline; every older
 * one is missed (the most recent MISSED_CAP of them are recorded). Pure: the clock is an argument.
 */
export function dueSlots(s: DueSchedule, now: Date): { run: Date | null; missed: Date[] } {
  if (s.nextRunAt.getTime() > now.getTime()) return { run: null, missed: [] };
  const deadlineStart = now.getTime() - s.startingDeadlineSeconds * 1000;
  // The first slots of the gap, then (separately, so a long outage is not walked minute by minute) those within the deadline.
  const early = [s.nextRunAt, ...slotsBetween(s, s.nextRunAt, now, MISSED_CAP)];
  const recentFrom = new Date(Math.max(s.nextRunAt.getTime(), deadlineStart) - 1);
  const recent = slotsBetween(s, recentFrom, now, 100_000);
  if (s.nextRunAt.getTime() >= deadlineStart && !recent.some((d) => d.getTime() === s.nextRunAt.getTime())) recent.unshift(s.nextRunAt);
  const run = recent.length ? recent[recent.length - 1] : null;
  const byTime = new Map<number, Date>();
  for (const d of [...early, ...recent]) if (d.getTime() <= now.getTime() && d.getTime() !== run?.getTime()) byTime.set(d.getTime(), d);
  const missed = [...byTime.values()].sort((a, b) => a.getTime() - b.getTime()).slice(-MISSED_CAP);
  return { run, missed };
}

/** The first slot strictly after `after`. */
export function nextSlot(cron: string, timeZone: string, after: Date): Date | null {
  return nextRuns(cron, timeZone, after, 1)[0] ?? null;
}
