import { describe, expect, it } from 'vitest';
import {
  checkCron,
  cronFromSimple,
  describeCron,
  isTimeZone,
  nextRuns,
  scheduleInputSchema,
  simpleFromCron,
  timeZones,
  zoneOffset,
} from './index';

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe('checkCron: the Kubernetes CronJob subset', () => {
  it.each(['* * * * *', '0 3 * * *', '*/5 * * * *', '0 9 * * 1-5', '0 9 * * MON-FRI', '0 0 1 jan *', '5/15 * * * *', '0 0 ? * *', '0,30 8-18 * * *', '0 0 29 2 *'])(
    'accepts %s',
    (expr) => expect(checkCron(expr)).toBeNull(),
  );

  it.each(['@hourly', '@daily', '@weekly', '@monthly', '@yearly', '@annually', '@midnight', '@DAILY', '  @daily  '])('accepts the descriptor %s', (d) =>
    expect(checkCron(d)).toBeNull(),
  );

  it.each([
    ['0 0 * * * *', /6 fields; only 5 are supported/],
    ['0 0 * * * * 2026', /7 fields; only 5/],
    ['@every 5m', /"@every" is not supported by Kubernetes/],
    ['TZ=UTC 0 * * * *', /Time Zone field.*TZ= and CRON_TZ=/],
    ['CRON_TZ=Europe/Berlin 0 * * * *', /Time Zone field/],
    ['61 * * * *', /61 is out of range for the minute field \(0–59\)/],
    ['* 24 * * *', /24 is out of range for the hour field \(0–23\)/],
    ['* * 32 * *', /32 is out of range for the day of month field \(1–31\)/],
    ['* * 0 * *', /0 is out of range for the day of month field/],
    ['* * * 13 *', /13 is out of range for the month field/],
    ['* * * * 7', /Use 0 for Sunday/],
    ['* * * *', /4 fields; 5 are needed/],
    ['', /schedule is required/i],
    ['@reboot', /not a known schedule/],
    ['0 0 L * *', /"L" is not a valid day of month value/],
    ['0 0 * * 1#2', /"1#2" is not a valid day of week value/],
    ['0 0 1W * *', /"1W" is not a valid day of month value/],
    ['*/0 * * * *', /step "\/0".*at least 1/],
    ['*/61 * * * *', /step "\/61" is larger/],
    ['30-10 * * * *', /range "30-10".*goes backwards/],
    ['1,,2 * * * *', /empty list item/],
    ['? * * * *', /"\?" is allowed only in the day-of-month and day-of-week/],
    ['0 0 30 2 *', /never fires/],
  ])('refuses %s with a clear message', (expr, message) => {
    expect(checkCron(expr)).toMatch(message);
  });
});

describe('time zones', () => {
  it('accepts exact IANA names and UTC', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
  });

  it('refuses case-mangled and unknown names', () => {
    expect(isTimeZone('europe/berlin')).toBe(false);
    expect(isTimeZone('EUROPE/BERLIN')).toBe(false);
    expect(isTimeZone('Mars/Base')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('lists UTC first, then sorted names without duplicates', () => {
    const zones = timeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Asia/Colombo');
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones.slice(1)).toEqual([...zones.slice(1)].sort());
  });

  it('names the offset at a moment, DST included', () => {
    expect(zoneOffset('Europe/Berlin', new Date('2026-01-15T12:00:00Z'))).toBe('UTC+01:00');
    expect(zoneOffset('Europe/Berlin', new Date('2026-07-15T12:00:00Z'))).toBe('UTC+02:00');
    expect(zoneOffset('UTC', new Date('2026-07-15T12:00:00Z'))).toBe('UTC+00:00');
  });
});

describe('nextRuns', () => {
  it('is strictly after `from`', () => {
    expect(iso(nextRuns('0 * * * *', 'UTC', new Date('2026-01-01T13:00:00Z'), 2))).toEqual(['2026-01-01T14:00:00.000Z', '2026-01-01T15:00:00.000Z']);
  });

  it('reads wall-clock times in the zone', () => {
    expect(iso(nextRuns('0 9 * * *', 'Asia/Colombo', new Date('2026-06-01T00:00:00Z'), 1))).toEqual(['2026-06-01T03:30:00.000Z']);
    expect(iso(nextRuns('@daily', 'America/New_York', new Date('2026-06-01T12:00:00Z'), 1))).toEqual(['2026-06-02T04:00:00.000Z']);
  });

  it('Europe/Berlin, spring forward on 29 March 2026: 02:30 does not exist, the run happens once at 03:00 CEST', () => {
    expect(iso(nextRuns('30 2 * * *', 'Europe/Berlin', new Date('2026-03-27T12:00:00Z'), 4))).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST, first moment after the gap
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
      '2026-03-31T00:30:00.000Z',
    ]);
  });

  it('Europe/Berlin, spring forward: an hourly schedule has 23 runs that day', () => {
    const runs = nextRuns('0 * * * *', 'Europe/Berlin', new Date('2026-03-28T22:59:00Z'), 24);
    const that = runs.filter((d) => d < new Date('2026-03-29T22:00:00Z'));
    expect(that).toHaveLength(23);
    expect(iso(that.slice(0, 3))).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z']);
  });

  it('Europe/Berlin, fall back on 25 October 2026: 02:30 happens twice, the run happens once (at the first)', () => {
    expect(iso(nextRuns('30 2 * * *', 'Europe/Berlin', new Date('2026-10-24T12:00:00Z'), 3))).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
      '2026-10-26T01:30:00.000Z', // 02:30 CET
      '2026-10-27T01:30:00.000Z',
    ]);
  });

  it('Europe/Berlin, fall back: an interval schedule runs in both 02:xx hours (25 runs every hour that day)', () => {
    const runs = nextRuns('0 * * * *', 'Europe/Berlin', new Date('2026-10-24T21:59:00Z'), 26);
    const that = runs.filter((d) => d < new Date('2026-10-25T23:00:00Z'));
    expect(that).toHaveLength(25);
    expect(iso(that.slice(2, 5))).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z']);
  });

  it('follows dom OR dow as cron does when both are set', () => {
    expect(iso(nextRuns('0 0 1 * MON', 'UTC', new Date('2026-01-27T00:00:00Z'), 3))).toEqual([
      '2026-02-01T00:00:00.000Z',
      '2026-02-02T00:00:00.000Z',
      '2026-02-09T00:00:00.000Z',
    ]);
  });

  it('reads "a/step" as robfig does (a to max, by step)', () => {
    expect(iso(nextRuns('5/20 * * * *', 'UTC', new Date('2026-01-01T00:00:00Z'), 4))).toEqual([
      '2026-01-01T00:05:00.000Z',
      '2026-01-01T00:25:00.000Z',
      '2026-01-01T00:45:00.000Z',
      '2026-01-01T01:05:00.000Z',
    ]);
  });

  it('throws on an invalid expression or zone', () => {
    expect(() => nextRuns('61 * * * *', 'UTC', new Date(), 1)).toThrow(/out of range/);
    expect(() => nextRuns('* * * * *', 'europe/berlin', new Date(), 1)).toThrow(/Unknown time zone/);
  });
});

describe('cronFromSimple', () => {
  it.each([
    [{ range: 'minute', every: 1 }, '* * * * *'],
    [{ range: 'minute', every: 15 }, '*/15 * * * *'],
    [{ range: 'hour', every: 1, at: '00:05' }, '5 * * * *'],
    [{ range: 'hour', every: 6, at: '00:30' }, '30 */6 * * *'],
    [{ range: 'day', every: 1, at: '03:00' }, '0 3 * * *'],
    [{ range: 'day', every: 2, at: '23:45' }, '45 23 */2 * *'],
    [{ range: 'week', every: 1, at: '09:15', weekday: 1 }, '15 9 * * 1'],
    [{ range: 'week', every: 1, at: '18:00', weekday: 0 }, '0 18 * * 0'],
    [{ range: 'month', every: 1, at: '00:00', dayOfMonth: 1 }, '0 0 1 * *'],
    [{ range: 'month', every: 3, at: '06:00', dayOfMonth: 15 }, '0 6 15 */3 *'],
  ] as const)('%o → %s', (simple, expr) => {
    expect(cronFromSimple(simple)).toBe(expr);
    expect(checkCron(expr)).toBeNull();
    expect(simpleFromCron(expr)).toMatchObject({ range: simple.range, every: simple.every });
    expect(cronFromSimple(simpleFromCron(expr)!)).toBe(expr);
  });

  it.each([
    [{ range: 'minute', every: 0 }, /1 to 59/],
    [{ range: 'minute', every: 60 }, /1 to 59/],
    [{ range: 'hour', every: 1.5 }, /whole number/],
    [{ range: 'week', every: 2 }, /cannot count weeks/],
    [{ range: 'day', every: 1, at: '24:00' }, /not a time of day/],
    [{ range: 'day', every: 1, at: '7am' }, /not a time of day/],
    [{ range: 'week', every: 1, weekday: 7 }, /weekday/],
    [{ range: 'month', every: 1, dayOfMonth: 32 }, /day of the month/],
  ] as const)('refuses %o', (simple, message) => {
    expect(() => cronFromSimple(simple)).toThrow(message);
  });

  it('has no simple form for expressions the form cannot write', () => {
    expect(simpleFromCron('0 9 * * 1-5')).toBeNull();
    expect(simpleFromCron('@daily')).toBeNull();
    expect(simpleFromCron('0,30 * * * *')).toBeNull();
  });
});

describe('describeCron', () => {
  it.each([
    ['* * * * *', 'Every minute'],
    ['*/5 * * * *', 'Every 5 minutes'],
    ['30 2 * * *', 'At 02:30'],
    ['15 9 * * 1', 'At 09:15, only on Monday'],
    ['@daily', 'At 00:00'],
    ['@hourly', 'Every hour'],
  ])('%s reads "%s"', (expr, words) => expect(describeCron(expr)).toBe(words));

  it('falls back to the expression when it cannot read it', () => {
    expect(describeCron('not a cron')).toBe('not a cron');
  });
});

describe('scheduleInputSchema', () => {
  it('fills the defaults', () => {
    expect(scheduleInputSchema.parse({ cron: ' 0 3 * * * ', timeZone: 'Europe/Berlin' })).toEqual({
      cron: '0 3 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
    });
  });

  it('puts each message on its field', () => {
    const r = scheduleInputSchema.safeParse({ cron: '61 * * * *', timeZone: 'europe/berlin', concurrencyPolicy: 'Sometimes', startingDeadlineSeconds: 1 });
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath.cron).toMatch(/61 is out of range/);
    expect(byPath.timeZone).toMatch(/Unknown time zone "europe\/berlin".*case-sensitive/);
    expect(byPath.concurrencyPolicy).toMatch(/Forbid, Allow or Replace/);
    expect(byPath.startingDeadlineSeconds).toMatch(/at least 10/);
  });

  it('rejects unknown fields', () => {
    expect(scheduleInputSchema.safeParse({ cron: '@daily', timeZone: 'UTC', paused: true }).success).toBe(false);
  });
});
