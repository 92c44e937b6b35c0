import { z } from 'zod';
import { visibilities } from '@/lib/endpoints/spec';
import { maxSpecBytes } from '@/lib/endpoints/parse';

/** Which component a verb acts on; the verbs read it (to authorise) before validating the rest. */
export const componentTarget = z.strictObject({
  org: z.string().min(1).max(63).describe('Organisation slug'),
  project: z.string().min(1).max(63).describe('Project name'),
  component: z.string().min(1).max(63).describe('Component name'),
});
export type ComponentTarget = z.output<typeof componentTarget>;

export const putEndpointsInput = componentTarget.extend({
  yaml: z
    .string({ message: 'Send the endpoints.yaml text as "yaml".' })
    .max(maxSpecBytes, `endpoints.yaml is at most ${maxSpecBytes / 1024} KiB.`)
    .describe('The endpoints.yaml (version 0.1) or component.yaml (schemaVersion 1.2) text'),
});
export const putEndpointsBody = putEndpointsInput.omit({ org: true, project: true, component: true });

export const updateEndpointInput = componentTarget.extend({
  name: z.string().min(1).max(50).describe('Endpoint name'),
  networkVisibility: z.enum(visibilities, { message: `The network visibility is one of: ${visibilities.join(', ')}.` }).optional(),
  /** "" removes the context. */
  context: z.string().max(200).optional(),
});
export const updateEndpointBody = updateEndpointInput.omit({ org: true, project: true, component: true, name: true });

export const schemaFileTarget = componentTarget.extend({ name: z.string().min(1).max(100).describe('Schema file name') });

export const uploadSchemaFileInput = componentTarget.extend({
  name: z.string({ message: 'Give the file a name (for example openapi.yaml).' }).min(1, 'Give the file a name (for example openapi.yaml).').max(100, 'A schema file name is at most 100 characters.'),
  // The size limit is checked on the content itself, with a message that says the limit.
  content: z.string({ message: 'Send the file text as "content".' }),
});
export const uploadSchemaFileBody = uploadSchemaFileInput.omit({ org: true, project: true, component: true });
