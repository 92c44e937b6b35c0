'use server';

import { action } from '@/lib/http/action';
import { deleteMarketplaceEntry } from '@/lib/services/marketplace/delete-entry';
import { registerMarketplaceEntry } from '@/lib/services/marketplace/register-entry';

/** Registers (or updates) a resource by hand: `{ org, ...resource }`. */
export async function registerEntryAction(input: unknown) {
  return action((ctx) => registerMarketplaceEntry(ctx, input));
}

/** `{ org, entry, version? }`; refused while connections use it. */
export async function deleteEntryAction(input: unknown) {
  return action((ctx) => deleteMarketplaceEntry(ctx, input));
}
