import { zoneOffset } from '@/lib/schedule';
import type { ExecutionStatus, ExecutionTrigger } from '@/lib/services/tasks/types';

/** "850 ms", "12 s", "3m 05s", "1h 02m": how long an execution ran (or has run so far). */
export function duration(ms: number): string {
  if (ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "Mon, 30 Nov 2026, 03:00 (UTC+01:00)": a moment as the wall clock of `timeZone` shows it. */
export function inZone(at: Date | string, timeZone: string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  return `${f.format(d)} (${zoneOffset(timeZone, d)})`;
}

export const executionStatusLabels: Record<ExecutionStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  timed_out: 'Timed out',
  stopped: 'Stopped',
  skipped: 'Skipped',
  missed: 'Missed',
};

export const triggerLabels: Record<ExecutionTrigger, string> = {
  schedule: 'Schedule',
  user: 'User',
  api: 'API',
  ci: 'CI',
};
