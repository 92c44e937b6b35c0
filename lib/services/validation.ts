import { z } from 'zod';
import { fromZodError } from '@/lib/errors';

/** DNS-1123 label: what Kubernetes accepts as a name, and what we use for every immutable name. */
export const dnsLabelPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The schema of an immutable name; forms check names with it too (lib/console/names.ts). */
export const dnsLabel = (what: string) =>
  z
    .string({ message: `${what} is required.` })
    .trim()
    .min(1, `${what} is required.`)
    .max(63, `${what} must be at most 63 characters.`)
    .regex(
      dnsLabelPattern,
      `${what} may contain only lowercase letters, digits and hyphens, and must start and end with a letter or digit.`,
    );

export const displayName = (what = 'Display name') =>
  z
    .string({ message: `${what} is required.` })
    .trim()
    .min(1, `${what} is required.`)
    .max(100, `${what} must be at most 100 characters.`);

export const description = z.string().trim().max(1000, 'Description must be at most 1000 characters.').default('');

/** Parses input with the verb's schema, or throws a field-level "invalid" ServiceError. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

/** Postgres unique violations, from pg and PGlite alike. */
export function isUniqueViolation(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 3 && cur; i++) {
    if ((cur as { code?: string }).code === '23505') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
