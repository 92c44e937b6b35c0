import { z } from 'zod';

export const setConfigInput = z
  .strictObject({
    kind: z.enum(['env', 'file']),
    key: z.string().trim().min(1, 'Name is required.').max(255, 'Name must be at most 255 characters.'),
    value: z.string().max(65_536, 'A value must be at most 64 KiB.'),
    secret: z.boolean().default(false),
    /** Omitted: applies to every environment. */
    environment: z.string().trim().max(63).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'env' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.key)) {
      ctx.addIssue({ code: 'custom', path: ['key'], message: 'An environment variable name has letters, digits and underscores, and does not start with a digit.' });
    }
    if (v.kind === 'file' && (!v.key.startsWith('/') || v.key.split('/').includes('..') || /[\s\\]/.test(v.key) || v.key.endsWith('/'))) {
      ctx.addIssue({ code: 'custom', path: ['key'], message: 'A file mount path is absolute (starts with /), names a file, and has no "..", spaces or backslashes.' });
    }
  });
