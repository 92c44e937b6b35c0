import { z } from 'zod';
import { MARKETPLACE_CATEGORIES } from '@/lib/marketplace/categories';
import { marketplaceResource } from '@/lib/marketplace/resource';
import { dnsLabel } from '../validation';

const pathName = z.string().max(200);

/** POST /marketplace: register (or update) an entry by hand: the resource's fields. */
export const registerEntryBody = marketplaceResource;
export const registerEntryInput = marketplaceResource.extend({ org: pathName });

/** What a pipeline run's publish step hands over. */
export const publishEntryInput = z.strictObject({
  org: pathName,
  runId: z.string().min(1).max(100),
  resource: marketplaceResource,
});

export const listEntriesInput = z.strictObject({
  org: pathName,
  q: z.string().trim().max(100, 'A search is at most 100 characters.').optional(),
  category: z.enum(MARKETPLACE_CATEGORIES, { message: `Category must be one of: ${MARKETPLACE_CATEGORIES.join(', ')}.` }).optional(),
});

export const entryRefInput = z.strictObject({ org: pathName, entry: pathName, version: z.string().max(40).optional() });

/** An environment variable name as a container accepts it: no "=", no line breaks, no lowercase surprises. */
export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
export const envName = z
  .string()
  .max(255, 'A variable name is at most 255 characters.')
  .regex(ENV_NAME, 'A variable name has upper-case letters, digits and underscores, and does not start with a digit.');

export const connectionBody = z.strictObject({
  name: dnsLabel('Connection name'),
  entry: z.string({ message: 'Pick an entry.' }).trim().min(1, 'Pick an entry.').max(200),
  version: z.string({ message: 'Pick a version.' }).trim().min(1, 'Pick a version.').max(40),
  /** Key → variable name; keys left out get `<CONNECTION>_<KEY>`. */
  env: z.record(z.string().max(64), envName).optional(),
});
const scope = { org: pathName, project: pathName, component: pathName.optional() };
export const createConnectionInput = connectionBody.extend(scope);

export const updateConnectionBody = z.strictObject({
  version: z.string().trim().min(1).max(40).optional(),
  env: z.record(z.string().max(64), envName).optional(),
});
export const updateConnectionInput = updateConnectionBody.extend({ ...scope, name: pathName });
export const connectionRefInput = z.strictObject({ ...scope, name: pathName });
export const listConnectionsInput = z.strictObject(scope);
