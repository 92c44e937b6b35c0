'use client';

import { useId } from 'react';
import { Tabs } from '@/components/components/tabs';
import { Field, Input, Select } from '@/components/ui/input';
import { CONCURRENCY_POLICIES, DESCRIPTORS, EVERY_MAX, RANGES, type ConcurrencyPolicy, type Range } from '@/lib/schedule';
import { inZone } from './format';
import { TimeZonePicker } from './time-zone-picker';
import { withMinute, type EditorMode, type ScheduleEditorState } from './use-schedule-editor';

const rangeLabels: Record<Range, string> = { minute: 'Minute', hour: 'Hour', day: 'Day', week: 'Week', month: 'Month' };
const units: Record<Range, [string, string]> = { minute: ['minute', 'minutes'], hour: ['hour', 'hours'], day: ['day', 'days'], week: ['week', 'weeks'], month: ['month', 'months'] };
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const policyHelp: Record<ConcurrencyPolicy, string> = {
  Forbid: 'Skip a run while the previous one is still running; the skipped slot is recorded with the reason.',
  Allow: 'Start every run on time, even while earlier ones are still running.',
  Replace: 'Stop the run that is still going, then start the new one.',
};

interface ScheduleEditorProps {
  editor: ScheduleEditorState;
  /** Field errors from the server, keyed like the verb's input. */
  errors?: Record<string, string>;
  /** Focus the first field (the editor opens a dialog's form). */
  autoFocus?: boolean;
  /**
   * Without the Time Zone and Concurrency policy fields: the component's default schedule at
   * creation, which each environment starts from (in UTC) and edits on the Deploy page.
   */
  cronOnly?: boolean;
}

/**
 * Choreo's schedule form: Time Zone, Range, Every, At — or Advanced, a raw expression — with
 * the expression, its reading in words and the next five runs shown live as the person edits.
 */
export function ScheduleEditor({ editor: e, errors = {}, autoFocus, cronOnly }: ScheduleEditorProps) {
  const id = useId();
  const f = (name: string) => `${id}-${name}`;
  const s = e.simple;
  const [one, many] = units[s.range];
  const everyNumber = Number(s.every);

  return (
    <div className="space-y-4">
      {!cronOnly && (
        <Field id={f('tz')} label="Time Zone" error={e.timeZoneError ?? errors.timeZone} hint="The schedule follows this zone's wall clock, daylight saving time included.">
          <TimeZonePicker id={f('tz')} value={e.timeZone} onChange={e.setTimeZone} invalid={!!(e.timeZoneError ?? errors.timeZone)} describedBy={`${f('tz')}-desc`} autoFocus={autoFocus} />
        </Field>
      )}

      <Tabs<EditorMode>
        label="How to write the schedule"
        size="sm"
        items={[
          { id: 'simple', label: 'Range, Every, At' },
          { id: 'advanced', label: 'Advanced (cron)' },
        ]}
        value={e.mode}
        onChange={e.setMode}
      >
        {e.mode === 'simple' ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id={f('range')} label="Range">
              <Select value={s.range} onChange={(ev) => e.setSimple({ range: ev.target.value as Range, every: s.range === ev.target.value ? s.every : '1' })}>
                {RANGES.map((r) => (
                  <option key={r} value={r}>
                    {rangeLabels[r]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id={f('every')} label="Every" hint={s.range === 'week' ? 'Every week (cron cannot count weeks).' : `1–${EVERY_MAX[s.range]} ${many}`}>
              <div className="flex items-center gap-2">
                <div className="w-20">
                  <Input
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={EVERY_MAX[s.range]}
                    value={s.range === 'week' ? '1' : s.every}
                    disabled={s.range === 'week'}
                    onChange={(ev) => e.setSimple({ every: ev.target.value })}
                  />
                </div>
                <span className="text-sm text-zinc-600">{everyNumber === 1 || s.range === 'week' ? one : many}</span>
              </div>
            </Field>
            <AtFields editor={e} f={f} />
          </div>
        ) : (
          <Field
            id={f('cron')}
            label="Cron expression"
            error={e.cronError && e.advanced.trim() ? e.cronError : errors.cron}
            hint={
              <>
                Five fields: minute, hour, day of month, month, day of week (0 = Sunday) — or {DESCRIPTORS.filter((d) => d !== '@annually' && d !== '@midnight').join(', ')}. The
                Kubernetes CronJob subset: no seconds field, no @every, no TZ= (use the Time Zone field).
              </>
            }
          >
            <Input value={e.advanced} onChange={(ev) => e.setAdvanced(ev.target.value)} placeholder="0 3 * * *" autoComplete="off" spellCheck={false} maxLength={100} className="font-mono" />
          </Field>
        )}
      </Tabs>

      <Preview editor={e} serverError={errors.cron} />

      {!cronOnly && (
        <Field id={f('policy')} label="Concurrency policy" error={errors.concurrencyPolicy} hint={policyHelp[e.concurrencyPolicy]}>
          <Select value={e.concurrencyPolicy} onChange={(ev) => e.setConcurrencyPolicy(ev.target.value as ConcurrencyPolicy)}>
            {CONCURRENCY_POLICIES.map((p) => (
              <option key={p} value={p}>
                {p}
                {p === 'Forbid' ? ' (default)' : ''}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </div>
  );
}

/** "At": minutes past the hour, a time of day, a weekday or a day of the month, as the range needs. */
function AtFields({ editor: e, f }: { editor: ScheduleEditorState; f: (n: string) => string }) {
  const s = e.simple;
  if (s.range === 'minute') return null;
  if (s.range === 'hour') {
    const minute = Number(s.at.split(':')[1] ?? 0);
    return (
      <Field id={f('at-minute')} label="At minute" hint="Minutes past the hour (0–59).">
        <div className="w-20">
          <Input type="number" inputMode="numeric" min={0} max={59} value={minute} onChange={(ev) => e.setSimple({ at: withMinute(s.at, Math.max(0, Math.min(59, Number(ev.target.value) || 0))) })} />
        </div>
      </Field>
    );
  }
  return (
    <>
      {s.range === 'week' && (
        <Field id={f('weekday')} label="On">
          <Select value={s.weekday} onChange={(ev) => e.setSimple({ weekday: ev.target.value })}>
            {WEEKDAYS.map((d, i) => (
              <option key={d} value={i}>
                {d}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {s.range === 'month' && (
        <Field id={f('dom')} label="On day" hint={Number(s.dayOfMonth) > 28 ? 'Months without this day are skipped.' : 'Day of the month (1–31).'} hintTone={Number(s.dayOfMonth) > 28 ? 'warning' : 'normal'}>
          <div className="w-20">
            <Input type="number" inputMode="numeric" min={1} max={31} value={s.dayOfMonth} onChange={(ev) => e.setSimple({ dayOfMonth: ev.target.value })} />
          </div>
        </Field>
      )}
      <Field id={f('at')} label="At" hint="Time of day in the chosen time zone.">
        <Input type="time" value={s.at} onChange={(ev) => ev.target.value && e.setSimple({ at: ev.target.value })} required />
      </Field>
    </>
  );
}

/** The expression, its reading and the next runs — or why there are none. */
function Preview({ editor: e, serverError }: { editor: ScheduleEditorState; serverError?: string }) {
  const error = e.cronError ?? serverError;
  return (
    <section aria-label="Schedule preview" aria-live="polite" className="rounded-lg border border-zinc-200 bg-zinc-50 p-3 text-sm">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="text-xs text-zinc-500">Expression</span>
        <code data-testid="schedule-expression" className="font-mono text-sm text-zinc-900">
          {e.cron || '—'}
        </code>
        {e.description && (
          <span data-testid="schedule-description" className="text-zinc-700">
            {e.description}
          </span>
        )}
      </div>
      {error ? (
        <p role="alert" data-testid="schedule-error" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : e.timeZoneError ? null : (
        <div className="mt-2">
          <p className="text-xs text-zinc-500">Next {e.runs.length} runs ({e.timeZone})</p>
          <ol data-testid="schedule-next-runs" className="mt-1 space-y-0.5 font-mono text-xs text-zinc-800">
            {e.runs.map((r) => (
              <li key={r.toISOString()}>
                <time dateTime={r.toISOString()}>{inZone(r, e.timeZone)}</time>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
