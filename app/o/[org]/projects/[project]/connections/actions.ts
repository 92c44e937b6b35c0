'use server';

import { action } from '@/lib/http/action';
import { createConnection } from '@/lib/services/marketplace/create-connection';
import { deleteConnection } from '@/lib/services/marketplace/delete-connection';
import { updateConnection } from '@/lib/services/marketplace/update-connection';

/** Project or component connections: `{ org, project, component?, ... }` as the REST routes take them. */
export async function createConnectionAction(input: unknown) {
  return action((ctx) => createConnection(ctx, input));
}

export async function updateConnectionAction(input: unknown) {
  return action((ctx) => updateConnection(ctx, input));
}

export async function deleteConnectionAction(input: unknown) {
  return action((ctx) => deleteConnection(ctx, input));
}
