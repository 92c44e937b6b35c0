'use server';

import { action } from '@/lib/http/action';
import { createConnection } from '@/lib/services/marketplace/create-connection';
import { deleteConnection } from '@/lib/services/marketplace/delete-connection';
import { deleteMarketplaceEntry } from '@/lib/services/marketplace/delete-entry';
import { registerMarketplaceEntry } from '@/lib/services/marketplace/register-entry';
import { updateConnection } from '@/lib/services/marketplace/update-connection';

/** Registers (or updates) a resource by hand: `{ org, ...resource }`. */
export async function registerEntryAction(input: unknown) {
  return action((ctx) => registerMarketplaceEntry(ctx, input));
}

/** `{ org, entry, version? }`; refused while connections use it. */
export async function deleteEntryAction(input: unknown) {
  return action((ctx) => deleteMarketplaceEntry(ctx, input));
}

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
