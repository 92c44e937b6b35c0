/**
 * The cron dialect a schedule may use: the Kubernetes CronJob subset (robfig/cron's standard
 * parser), so one schedule means the same thing on the docker scheduler (croner) and on a
 * cluster. croner accepts more (seconds, L, W, #, @every via other APIs), so we check first.
 */

export const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'] as const;

type Field = { name: string; min: number; max: number; names?: readonly string[]; question?: boolean };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const FIELDS: Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS, question: true },
];

const FORMAT_HINT = 'Use 5 fields (minute hour day-of-month month day-of-week), e.g. "0 3 * * *", or one of @hourly, @daily, @weekly, @monthly, @yearly.';

/** One value of a field: a number, or a month/day name (JAN, mon …, case-insensitive). */
function value(text: string, f: Field): number | string {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (f.name === 'day of week' && n === 7) return 'Use 0 for Sunday in the day-of-week field (0–6); Kubernetes CronJobs do not accept 7.';
    if (n < f.min || n > f.max) return `${n} is out of range for the ${f.name} field (${f.min}–${f.max}).`;
    return n;
  }
  const i = f.names?.indexOf(text.toUpperCase()) ?? -1;
  if (i >= 0) return f.name === 'month' ? i + 1 : i;
  return `"${text}" is not a valid ${f.name} value.`;
}

/** Checks one comma-separated field; returns a message or null. */
function checkField(text: string, f: Field): string | null {
  for (const item of text.split(',')) {
    if (item === '') return `The ${f.name} field has an empty list item.`;
    const [range, step, extra] = item.split('/');
    if (extra !== undefined) return `"${item}" in the ${f.name} field has more than one "/".`;
    if (step !== undefined) {
      if (!/^\d+$/.test(step) || Number(step) < 1) return `The step "/${step}" in the ${f.name} field must be a whole number of at least 1.`;
      if (Number(step) > f.max - f.min + 1) return `The step "/${step}" is larger than the ${f.name} field's range (${f.min}–${f.max}).`;
    }
    if (range === '*' || (range === '?' && f.question)) continue;
    if (range === '?') return `"?" is allowed only in the day-of-month and day-of-week fields.`;
    const bounds = range.split('-');
    if (bounds.length > 2 || bounds.some((b) => b === '')) return `"${item}" is not a valid ${f.name} value.`;
    const parsed = bounds.map((b) => value(b, f));
    const bad = parsed.find((p) => typeof p === 'string');
    if (bad !== undefined) return bad as string;
    if (parsed.length === 2 && (parsed[0] as number) > (parsed[1] as number))
      return `The range "${range}" in the ${f.name} field goes backwards.`;
  }
  return null;
}

/** Null when `expr` is a schedule Kubernetes CronJob and our scheduler both accept; else why not. */
export function checkCronSyntax(expr: string): string | null {
  const text = expr.trim();
  if (text === '') return `A schedule is required. ${FORMAT_HINT}`;
  if (/^(CRON_)?TZ=/i.test(text))
    return 'Put the time zone in the Time Zone field, not in the expression (TZ= and CRON_TZ= are not supported by Kubernetes CronJobs).';
  if (text.startsWith('@')) {
    if (/^@every\b/i.test(text)) return '"@every" is not supported by Kubernetes CronJobs. Use a 5-field expression, e.g. "*/5 * * * *" for every 5 minutes.';
    if ((DESCRIPTORS as readonly string[]).includes(text.toLowerCase())) return null;
    return `"${text}" is not a known schedule. ${FORMAT_HINT}`;
  }
  const parts = text.split(/\s+/);
  if (parts.length === 6 || parts.length === 7)
    return `The expression has ${parts.length} fields; only 5 are supported (no seconds or year field). ${FORMAT_HINT}`;
  if (parts.length !== 5) return `The expression has ${parts.length} field${parts.length === 1 ? '' : 's'}; 5 are needed. ${FORMAT_HINT}`;
  for (let i = 0; i < 5; i++) {
    const message = checkField(parts[i], FIELDS[i]);
    if (message) return message;
  }
  return null;
}
