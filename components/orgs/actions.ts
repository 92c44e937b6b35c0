'use server';

import { action } from '@/lib/http/action';
import { createOrg } from '@/lib/services/orgs/create-org';

/** Creates an organisation (instance admins only by default: lib/services/orgs/org-creation); the creator becomes its admin. */
export async function createOrgAction(input: unknown) {
  return action((ctx) => createOrg(ctx, input));
}
