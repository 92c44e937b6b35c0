import { z } from 'zod';
import { MARKETPLACE_CATEGORIES } from './categories';

/**
 * The `resource` of a marketplace entry, exactly as the `gantry/marketplace-publish@v1`
 * pipeline step takes it and as a platform engineer registers one by hand. The pipeline
 * spec reuses this schema, so a publish step is checked before its run starts.
 */

/** Dots are kept for endpoint-derived entries ("project.component.endpoint"), so a stored name never collides with one. */
export const ENTRY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const ENTRY_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+_-]*$/;
/** A key becomes the tail of an environment variable name (`<CONNECTION>_<KEY>`). */
export const CREDENTIAL_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Tabs and line breaks are legitimate in values (PEM keys); other control characters never are. */
const CONTROL_IN_VALUE = /[\x00-\x08\x0b-\x1f\x7f]/;
const CONTROL = /[\x00-\x1f\x7f]/;
export const MAX_VALUE = 65_536;

const text = (what: string, max: number) =>
  z
    .string({ message: `${what} is required.` })
    .max(max, `${what} must be at most ${max} characters.`)
    .refine((s) => !CONTROL.test(s), `${what} has no control characters.`);

export const entryName = z
  .string({ message: 'Name is required.' })
  .trim()
  .min(1, 'Name is required.')
  .max(100, 'Name must be at most 100 characters.')
  .regex(ENTRY_NAME, 'Name has letters, digits, "-" and "_", and starts with a letter or digit.');

export const entryVersion = z
  .string({ message: 'Version is a string: quote it in YAML (version: "1.0" — unquoted, 1.0 is read as the number 1).' })
  .trim()
  .min(1, 'Version is required.')
  .max(40, 'Version must be at most 40 characters.')
  .regex(ENTRY_VERSION, 'Version has letters, digits, ".", "+", "-" and "_", and starts with a letter or digit.');

export const credentialParameter = z.strictObject({
  key: z
    .string({ message: 'Key is required.' })
    .min(1, 'Key is required.')
    .max(64, 'Key must be at most 64 characters.')
    .regex(CREDENTIAL_KEY, 'Key has letters, digits and underscores, and does not start with a digit.'),
  value: z
    .string({ message: 'Value is required (quote numbers in YAML).' })
    .max(MAX_VALUE, 'A value must be at most 64 KiB.')
    .refine((s) => !CONTROL_IN_VALUE.test(s), 'A value has no control characters other than tabs and line breaks.'),
  isSecret: z.boolean().default(false),
});

export const connectionCredentials = z.strictObject({
  environments: z.array(text('Environment', 63).pipe(z.string().min(1, 'Environment is required.'))).min(1, 'Name at least one environment.').max(20),
  parameters: z
    .array(credentialParameter)
    .min(1, 'Give at least one parameter.')
    .max(50, 'At most 50 parameters.')
    .superRefine((ps, ctx) => {
      const seen = new Set<string>();
      ps.forEach((p, i) => {
        const k = p.key.toUpperCase();
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `Key "${p.key}" is given twice (keys are compared without case: they become environment variable names).` });
        seen.add(k);
      });
    }),
});

export const marketplaceResource = z
  .strictObject({
    name: entryName,
    version: entryVersion,
    category: z.enum(MARKETPLACE_CATEGORIES, { message: `Category must be one of: ${MARKETPLACE_CATEGORIES.join(', ')}.` }),
    description: text('Description', 2000).default(''),
    tags: z
      .array(text('Tag', 40).pipe(z.string().trim().min(1, 'A tag is not empty.')))
      .max(20, 'At most 20 tags.')
      .default([])
      .refine((t) => new Set(t).size === t.length, 'A tag is given twice.'),
    properties: z
      .record(text('Property name', 100).pipe(z.string().min(1)), text('Property value', 1000))
      .default({})
      .refine((p) => Object.keys(p).length <= 50, 'At most 50 properties.'),
    connectionCredentials: z
      .array(connectionCredentials)
      .max(20)
      .default([])
      .superRefine((sets, ctx) => {
        const seen = new Set<string>();
        sets.forEach((s, i) =>
          s.environments.forEach((e, j) => {
            if (seen.has(e)) ctx.addIssue({ code: 'custom', path: [i, 'environments', j], message: `Environment "${e}" has credentials twice.` });
            seen.add(e);
          }),
        );
      }),
  });

export type MarketplaceResource = z.output<typeof marketplaceResource>;
export type MarketplaceResourceInput = z.input<typeof marketplaceResource>;
