import { z } from 'zod';
import { mountPathProblem } from './mount-path';

/**
 * Control characters: a NUL can never reach a container (the runtime refuses it and,
 * before redaction, printed the whole "NAME=value" into the reason) and the others
 * only smuggle terminal escapes into logs. Tabs and line breaks stay allowed in values:
 * multi-line values (PEM keys, config files) are legitimate.
 */
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const CONTROL_IN_ENV_VALUE = /[\x00-\x08\x0b-\x1f\x7f]/;
const CONTROL_IN_FILE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * Where to apply a change now: the environments (by name) whose running release is redeployed
 * with it; [] saves it for the next deployment; omitted redeploys wherever it applies.
 */
export const redeployChoice = z.array(z.string().trim().min(1).max(63), { message: 'redeploy is a list of environment names.' }).max(50).optional();

export const deleteConfigInput = z.strictObject({ id: z.string({ message: 'Config id is required.' }).min(1).max(100), redeploy: redeployChoice });

export const setConfigInput = z
  .strictObject({
    kind: z.enum(['env', 'file']),
    key: z.string().trim().min(1, 'Name is required.').max(255, 'Name must be at most 255 characters.'),
    value: z.string().max(65_536, 'A value must be at most 64 KiB.'),
    secret: z.boolean().default(false),
    /** Omitted: applies to every environment. */
    environment: z.string().trim().max(63).regex(/^[^\x00-\x1f\x7f]*$/, 'An environment name has no control characters.').optional(),
    redeploy: redeployChoice,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'env' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.key)) {
      ctx.addIssue({ code: 'custom', path: ['key'], message: 'An environment variable name has letters, digits and underscores, and does not start with a digit.' });
    }
    if (v.kind === 'file') {
      const problem = CONTROL.test(v.key) ? 'A file mount path has no control characters.' : mountPathProblem(v.key);
      if (problem) ctx.addIssue({ code: 'custom', path: ['key'], message: problem });
    }
    if (v.kind === 'env' && CONTROL_IN_ENV_VALUE.test(v.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'A variable value has no control characters other than tabs and line breaks (no NUL).' });
    }
    if (v.kind === 'file' && CONTROL_IN_FILE.test(v.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'File contents are text: no control characters other than tabs and line breaks (no NUL).' });
    }
  });
