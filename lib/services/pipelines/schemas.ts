import { z } from 'zod';
import { gitBranchSchema, gitCredentialsSchema, gitPathSchema, gitUrlSchema } from '@/lib/pipelines/git/source';
import { displayName, dnsLabel } from '../validation';

const id = (what: string) => z.string({ message: `${what} is required.` }).min(1, `${what} is required.`).max(100, `${what} is too long.`);

/** Path identifiers every pipeline verb takes. */
export const pipelinePath = { org: id('Organization'), pipeline: id('Pipeline') };
export const pipelinePathOnly = z.looseObject(pipelinePath);
export const orgOnly = z.looseObject({ org: id('Organization') });

export const yamlText = z.string({ message: 'The pipeline YAML is required.' }).min(1, 'The pipeline YAML is required.').max(256 * 1024, 'The pipeline YAML is at most 256 KiB.');

export const createPipelineInput = z.strictObject({
  org: id('Organization'),
  name: dnsLabel('Pipeline name'),
  displayName: displayName().optional(),
  description: z.string().trim().max(1000, 'A description is at most 1000 characters.').default(''),
  source: z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('inline'), yaml: yamlText }),
      // Import from Git: the YAML is read at the branch head now and again when each run starts.
      z.strictObject({ kind: z.literal('git'), url: gitUrlSchema, branch: gitBranchSchema, path: gitPathSchema, credentials: gitCredentialsSchema.optional() }),
    ],
    { message: 'The source is { kind: "inline", yaml } or { kind: "git", url, branch, path, credentials? }.' },
  ),
});

export const updatePipelineInput = z.strictObject({
  ...pipelinePath,
  yaml: yamlText.optional(),
  displayName: displayName().optional(),
  description: z.string().trim().max(1000, 'A description is at most 1000 characters.').optional(),
});

export const inputName = z
  .string({ message: 'A name is required.' })
  .max(128, 'A name is at most 128 characters.')
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'A name has letters, digits and "_", and does not start with a digit (it is used as {{VARIABLES.NAME}} / {{SECRETS.NAME}}).');
export const setInputInput = z.strictObject({ ...pipelinePath, name: inputName, value: z.string({ message: 'A value is required.' }).max(64 * 1024, 'A value is at most 64 KiB.') });
export const inputPathInput = z.strictObject({ ...pipelinePath, name: inputName });

export const versionInput = z.strictObject({ ...pipelinePath, version: z.coerce.number({ message: 'A version is a number.' }).int().min(1).max(1_000_000) });

export const startRunInput = z.strictObject({
  ...pipelinePath,
  parameters: z.record(z.string().max(63), z.string({ message: 'Parameter values are strings.' }).max(4096, 'A parameter value is at most 4096 characters.')).default({}),
});

export const runRef = z.union([z.uuid(), z.coerce.number().int().min(1)], { message: 'A run is its id or its number.' });
export const runInput = z.strictObject({ ...pipelinePath, run: runRef });
export const stepLogsInput = z.strictObject({ ...pipelinePath, run: runRef, step: z.string().min(1).max(100), attempt: z.coerce.number().int().min(1).max(100).optional() });
export const listRunsInput = z.strictObject({ ...pipelinePath, limit: z.coerce.number().int().min(1).max(200).default(50) });
