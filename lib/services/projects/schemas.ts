import { z } from 'zod';
import { description, displayName, dnsLabel } from '../validation';

export const createProjectInput = z.strictObject({
  name: dnsLabel('Project name'),
  displayName: displayName(),
  description,
});
export const updateProjectInput = z
  .strictObject({ displayName: displayName().optional(), description: z.string().trim().max(1000, 'Description must be at most 1000 characters.').optional() })
  .refine((v) => v.displayName !== undefined || v.description !== undefined, 'Nothing to change: give displayName or description.');

export const listProjectsInput = z.strictObject({
  search: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
