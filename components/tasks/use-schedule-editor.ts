'use client';

import { useEffect, useMemo, useState } from 'react';
import {
  checkCron,
  cronFromSimple,
  describeCron,
  isTimeZone,
  nextRuns,
  simpleFromCron,
  type ConcurrencyPolicy,
  type Range,
} from '@/lib/schedule';

export type EditorMode = 'simple' | 'advanced';

/** The form's fields as typed: numbers stay text until they are read, so a field can be cleared. */
export interface SimpleFields {
  range: Range;
  every: string;
  at: string;
  weekday: string;
  dayOfMonth: string;
}

export interface ScheduleValue {
  cron: string;
  timeZone: string;
  concurrencyPolicy: ConcurrencyPolicy;
}

const DEFAULT_SIMPLE: SimpleFields = { range: 'day', every: '1', at: '03:00', weekday: '1', dayOfMonth: '1' };
const pad = (n: number) => String(n).padStart(2, '0');

function fieldsOf(cron: string): SimpleFields | null {
  const s = simpleFromCron(cron);
  if (!s) return null;
  return { range: s.range, every: String(s.every), at: s.at ?? '00:00', weekday: String(s.weekday ?? 1), dayOfMonth: String(s.dayOfMonth ?? 1) };
}

function cronOf(f: SimpleFields): { cron: string } | { error: string } {
  const every = f.range === 'week' ? 1 : Number(f.every);
  if (f.every.trim() === '' && f.range !== 'week') return { error: 'Enter how often: a whole number.' };
  try {
    return { cron: cronFromSimple({ range: f.range, every, at: f.at, weekday: Number(f.weekday), dayOfMonth: Number(f.dayOfMonth) }) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * The schedule editor's state and what follows from it, recomputed as the person types: the
 * expression, its reading, the validation message and the next five runs in the chosen zone.
 */
export function useScheduleEditor(initial: Partial<ScheduleValue> | null) {
  const start = initial?.cron ? fieldsOf(initial.cron) : null;
  const [mode, setModeState] = useState<EditorMode>(initial?.cron && !start ? 'advanced' : 'simple');
  const [simple, setSimple] = useState<SimpleFields>(start ?? DEFAULT_SIMPLE);
  const [advanced, setAdvanced] = useState(initial?.cron ?? '');
  const [timeZone, setTimeZone] = useState(initial?.timeZone ?? 'UTC');
  const [concurrencyPolicy, setConcurrencyPolicy] = useState<ConcurrencyPolicy>(initial?.concurrencyPolicy ?? 'Forbid');
  // "Now" moves on, so the next runs stay next runs while the dialog is open.
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);

  const fromSimple = mode === 'simple' ? cronOf(simple) : null;
  const cron = mode === 'simple' ? ('cron' in fromSimple! ? fromSimple.cron : '') : advanced.trim();
  const cronError = fromSimple && 'error' in fromSimple ? fromSimple.error : checkCron(cron);
  const timeZoneError = isTimeZone(timeZone) ? null : `Unknown time zone "${timeZone}". Pick one from the list (names are case-sensitive).`;
  const runs = useMemo(() => (cronError || timeZoneError ? [] : nextRuns(cron, timeZone, now, 5)), [cron, timeZone, now, cronError, timeZoneError]);

  function setMode(next: EditorMode) {
    if (next === mode) return;
    if (next === 'advanced') setAdvanced(cron || advanced);
    else {
      const f = fieldsOf(advanced.trim());
      if (f) setSimple(f);
    }
    setModeState(next);
  }

  return {
    mode,
    setMode,
    simple,
    setSimple: (patch: Partial<SimpleFields>) => setSimple((s) => ({ ...s, ...patch })),
    advanced,
    setAdvanced,
    timeZone,
    setTimeZone,
    concurrencyPolicy,
    setConcurrencyPolicy,
    cron,
    description: cronError ? null : describeCron(cron),
    cronError,
    timeZoneError,
    runs,
    valid: !cronError && !timeZoneError,
    value: { cron, timeZone, concurrencyPolicy } satisfies ScheduleValue,
  };
}

export type ScheduleEditorState = ReturnType<typeof useScheduleEditor>;

/** "HH:MM" with the minutes replaced (the hour range's "at minute"). */
export function withMinute(at: string, minute: number): string {
  const [h] = at.split(':');
  return `${h ?? '00'}:${pad(minute)}`;
}
