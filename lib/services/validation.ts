import { z } from 'zod';
import { fromZodError, ServiceError } from '@/lib/errors';

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

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What Postgres' uuid type accepts in canonical form; anything else can never match a row. */
export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}

/**
 * The dotted path of the first string (or object key) holding a NUL byte, if any.
 * Postgres cannot store U+0000 in text, so such input is refused up front as a user
 * mistake instead of failing in the database.
 */
export function nulBytePath(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '_' : undefined;
  if (!value || typeof value !== 'object' || depth > 32) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return [...path, k.replace(/\u0000/g, '')].join('.');
    const found = nulBytePath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function assertNoNulBytes(value: unknown): void {
  const at = nulBytePath(value);
  if (at !== undefined) throw ServiceError.invalid('Text may not contain NUL (\\u0000) characters.', { [at]: 'May not contain NUL (\\u0000) characters.' });
}

/** Parses input with the verb's schema, or throws a field-level "invalid" ServiceError. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  assertNoNulBytes(input);
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
