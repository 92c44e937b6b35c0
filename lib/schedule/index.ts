/**
 * Schedules for scheduled tasks: the cron dialect (Kubernetes CronJob subset), exact IANA
 * time zones, next run times and the reading in words. Pure and client-safe: the schedule
 * editor runs the same checks in the browser as the services do on the server.
 */
import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import { z } from 'zod';
import { checkCronSyntax } from './cron';
import { isTimeZone } from './time-zones';

export { DESCRIPTORS } from './cron';
export { timeZones, isTimeZone, zoneOffset } from './time-zones';
export { cronFromSimple, simpleFromCron, RANGES, EVERY_MAX, type SimpleSchedule, type Range } from './simple';

export const CONCURRENCY_POLICIES = ['Forbid', 'Allow', 'Replace'] as const;
export type ConcurrencyPolicy = (typeof CONCURRENCY_POLICIES)[number];

export const DEFAULT_STARTING_DEADLINE_SECONDS = 300;

/** croner with our dialect's meaning: 5 fields, "a/step" allowed (robfig reads it as a-max/step). */
function cron(expr: string, timeZone?: string): Cron {
  return new Cron(expr.trim(), { timezone: timeZone, paused: true, mode: '5-part', sloppyRanges: true, domAndDow: false });
}

/** Null when valid; else a message a user can act on. */
export function checkCron(expr: string): string | null {
  if (typeof expr !== 'string') return 'A schedule is required.';
  const syntax = checkCronSyntax(expr);
  if (syntax) return syntax;
  let c: Cron;
  try {
    c = cron(expr, 'UTC');
  } catch (e) {
    return `The expression is not valid: ${(e as Error).message.replace(/^CronPattern: /, '')}`;
  }
  // "0 0 30 2 *" parses but never fires; a CronJob with it would sit idle forever.
  if (c.nextRuns(1, new Date()).length === 0) return 'This schedule never fires (no such date, e.g. 30 February).';
  return null;
}

/**
 * The next `count` run times strictly after `from`, in `timeZone`. DST follows croner (as
 * Vixie cron does): a wall-clock time skipped by spring-forward runs at the first moment
 * after the gap; one repeated by fall-back runs once, at its first occurrence.
 * Throws on an invalid expression or zone.
 */
export function nextRuns(expr: string, timeZone: string, from: Date, count: number): Date[] {
  const message = checkCron(expr) ?? (isTimeZone(timeZone) ? null : `Unknown time zone "${timeZone}".`);
  if (message) throw new RangeError(message);
  return cron(expr, timeZone).nextRuns(count, from);
}

/** "At 03:00, only on Monday" — cronstrue's reading, 24-hour clock; the expression if it cannot read it. */
export function describeCron(expr: string): string {
  try {
    return cronstrue.toString(expr.trim(), { use24HourTimeFormat: true, throwExceptionOnParseError: true });
  } catch {
    return expr;
  }
}

const timeZoneField = z
  .string({ message: 'Time zone is required.' })
  .trim()
  .min(1, 'Time zone is required.')
  .superRefine((tz, ctx) => {
    if (!isTimeZone(tz))
      ctx.addIssue({
        code: 'custom',
        message: `Unknown time zone "${tz}". Use an exact IANA name such as "Europe/Berlin" or "UTC" (names are case-sensitive).`,
      });
  });

const cronField = z
  .string({ message: 'Schedule is required.' })
  .trim()
  .superRefine((value, ctx) => {
    const message = checkCron(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

export const scheduleInputSchema = z.strictObject({
  cron: cronField,
  timeZone: timeZoneField,
  concurrencyPolicy: z
    .enum(CONCURRENCY_POLICIES, { message: 'Concurrency policy must be Forbid, Allow or Replace.' })
    .default('Forbid'),
  startingDeadlineSeconds: z
    .number({ message: 'Starting deadline must be a number of seconds.' })
    .int('Starting deadline must be a whole number of seconds.')
    // Kubernetes checks CronJobs every 10 s: a shorter deadline can miss every slot.
    .min(10, 'Starting deadline must be at least 10 seconds.')
    .max(86_400, 'Starting deadline must be at most 86400 seconds (one day).')
    .default(DEFAULT_STARTING_DEADLINE_SECONDS),
});

export type ScheduleInput = z.input<typeof scheduleInputSchema>;
export type Schedule = z.output<typeof scheduleInputSchema>;
