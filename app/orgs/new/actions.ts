'use server';

import { action } from '@/lib/http/action';
import { createOrg } from '@/lib/services/orgs/create-org';

/** Any signed-in user may create an organisation; they become its admin. */
export async function createOrgAction(input: unknown) {
  return action((ctx) => createOrg(ctx, input));
}
