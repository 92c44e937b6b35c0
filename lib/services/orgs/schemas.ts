import { z } from 'zod';
import { displayName, dnsLabel } from '../validation';

export const createOrgInput = z.strictObject({
  slug: dnsLabel('Organization slug'),
  name: displayName('Organization name'),
});
export type CreateOrgInput = z.input<typeof createOrgInput>;

export const updateOrgInput = z.strictObject({
  name: displayName('Organization name'),
});

export const orgView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  role: z.string(),
  createdAt: z.date(),
});
export type OrgView = z.infer<typeof orgView>;
