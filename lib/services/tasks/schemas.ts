import { z } from 'zod';
import { scheduleInputSchema } from '@/lib/schedule';

const name = (what: string) => z.string({ message: `${what} is required.` }).min(1, `${what} is required.`).max(100, `${what} is too long.`);

/** Path identifiers every task verb takes. */
export const taskPath = { org: name('Organization'), project: name('Project'), component: name('Component') };
/** Read first (loosely) to authorize; the verb's strict schema validates everything after. */
export const taskPathOnly = z.looseObject(taskPath);

export const MAX_ARGS = 256;
export const MAX_ARG_CHARS = 8 * 1024;
export const MAX_ARGS_TOTAL_CHARS = 64 * 1024;

export const argsSchema = z
  .array(
    z
      .string({ message: 'Each argument must be a string.' })
      .max(MAX_ARG_CHARS, `An argument may be at most ${MAX_ARG_CHARS} characters.`)
      .refine((a) => !a.includes('\0'), 'An argument may not contain a NUL character.'),
    { message: 'Arguments must be a list of strings.' },
  )
  .max(MAX_ARGS, `At most ${MAX_ARGS} arguments.`)
  .refine((a) => a.reduce((n, s) => n + s.length, 0) <= MAX_ARGS_TOTAL_CHARS, `Arguments may total at most ${MAX_ARGS_TOTAL_CHARS} characters.`);

export const runTaskInput = z.strictObject({ ...taskPath, environment: name('Environment').optional(), args: argsSchema.default([]) });

export const envPathInput = z.strictObject({ ...taskPath, environment: name('Environment') });

export const setScheduleInput = z.strictObject({
  ...taskPath,
  environment: name('Environment'),
  ...scheduleInputSchema.shape,
  /** REST PUT carries the whole schedule, paused included; omitted keeps it as it is. */
  paused: z.boolean({ message: 'Paused must be true or false.' }).optional(),
});

export const setSchedulePausedInput = z.strictObject({ ...taskPath, environment: name('Environment'), paused: z.boolean({ message: 'Paused must be true or false.' }) });

export const executionIdInput = z.strictObject({ ...taskPath, id: z.uuid({ message: 'Execution id must be a UUID.' }) });

export const listExecutionsInput = z.strictObject({
  ...taskPath,
  environment: name('Environment').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
