/**
 * Choreo's schedule form — Range, Every, At — to and from a 5-field cron expression. Only
 * shapes cron can express exactly are offered: "every 2 weeks" cannot be written in cron,
 * so a weekly range always repeats every week.
 */

export const RANGES = ['minute', 'hour', 'day', 'week', 'month'] as const;
export type Range = (typeof RANGES)[number];

export type SimpleSchedule = {
  range: Range;
  every: number;
  /** HH:MM; for the hour range only the minutes count (minutes past the hour). */
  at?: string;
  /** 0 = Sunday … 6 = Saturday (week range). */
  weekday?: number;
  /** 1–31 (month range). */
  dayOfMonth?: number;
};

/** The largest "Every" per range that cron's step syntax repeats evenly enough to offer. */
export const EVERY_MAX: Record<Range, number> = { minute: 59, hour: 23, day: 31, week: 1, month: 12 };

function time(at: string | undefined): { h: number; m: number } {
  const match = /^(\d{1,2}):(\d{2})$/.exec(at ?? '00:00');
  const h = match ? Number(match[1]) : NaN;
  const m = match ? Number(match[2]) : NaN;
  if (!match || h > 23 || m > 59) throw new RangeError(`"${at}" is not a time of day (HH:MM, 00:00–23:59).`);
  return { h, m };
}

function step(every: number, what: Range): string {
  if (!Number.isInteger(every) || every < 1 || every > EVERY_MAX[what])
    throw new RangeError(
      what === 'week'
        ? 'A weekly schedule repeats every week: cron cannot count weeks. Use Advanced for anything else.'
        : `Every must be a whole number from 1 to ${EVERY_MAX[what]} for the ${what} range.`,
    );
  return every === 1 ? '*' : `*/${every}`;
}

/** The cron expression for a simple schedule; throws a RangeError with a readable message. */
export function cronFromSimple(s: SimpleSchedule): string {
  const { h, m } = time(s.at);
  switch (s.range) {
    case 'minute':
      return `${step(s.every, 'minute')} * * * *`;
    case 'hour':
      return `${m} ${step(s.every, 'hour')} * * *`;
    case 'day':
      return `${m} ${h} ${step(s.every, 'day')} * *`;
    case 'week': {
      step(s.every, 'week');
      const wd = s.weekday ?? 1;
      if (!Number.isInteger(wd) || wd < 0 || wd > 6) throw new RangeError('The weekday must be 0 (Sunday) to 6 (Saturday).');
      return `${m} ${h} * * ${wd}`;
    }
    case 'month': {
      const dom = s.dayOfMonth ?? 1;
      if (!Number.isInteger(dom) || dom < 1 || dom > 31) throw new RangeError('The day of the month must be 1 to 31.');
      return `${m} ${h} ${dom} ${step(s.every, 'month')} *`;
    }
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The simple form of an expression, when it has one (so editing a saved schedule opens on
 * Range/Every/At rather than on Advanced); null otherwise.
 */
export function simpleFromCron(expr: string): SimpleSchedule | null {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [mi, ho, dom, mon, dow] = parts;
  const num = (t: string, max: number) => (/^\d{1,2}$/.test(t) && Number(t) <= max ? Number(t) : null);
  const every = (t: string) => (t === '*' ? 1 : /^\*\/\d{1,2}$/.test(t) ? Number(t.slice(2)) : null);
  const candidates: SimpleSchedule[] = [];
  const m = num(mi, 59);
  const h = num(ho, 23);
  if (ho === '*' && dom === '*' && mon === '*' && dow === '*' && every(mi) !== null)
    candidates.push({ range: 'minute', every: every(mi)!, at: '00:00' });
  if (m !== null && dom === '*' && mon === '*' && dow === '*' && every(ho) !== null)
    candidates.push({ range: 'hour', every: every(ho)!, at: `00:${pad(m)}` });
  if (m !== null && h !== null && mon === '*' && dow === '*' && every(dom) !== null)
    candidates.push({ range: 'day', every: every(dom)!, at: `${pad(h)}:${pad(m)}` });
  if (m !== null && h !== null && dom === '*' && mon === '*' && num(dow, 6) !== null)
    candidates.push({ range: 'week', every: 1, at: `${pad(h)}:${pad(m)}`, weekday: num(dow, 6)! });
  if (m !== null && h !== null && num(dom, 31) !== null && dow === '*' && every(mon) !== null)
    candidates.push({ range: 'month', every: every(mon)!, at: `${pad(h)}:${pad(m)}`, dayOfMonth: num(dom, 31)! });
  // Round-trip check: only a form that writes back exactly this expression counts.
  for (const c of candidates) {
    try {
      if (cronFromSimple(c) === parts.join(' ')) return c;
    } catch {
      /* out of the form's range: not simple */
    }
  }
  return null;
}
