'use server';

import { action } from '@/lib/http/action';
import { withPath } from '@/lib/http/with-path';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { revokeApiKey } from '@/lib/services/api-keys/revoke-api-key';

/** Creates an organisation API key; the key is in this one answer and never again. */
export async function createApiKeyAction(orgSlug: string, input: unknown) {
  return action((ctx) => createApiKey(ctx, withPath(input, { org: orgSlug })));
}

export async function revokeApiKeyAction(orgSlug: string, id: string) {
  return action((ctx) => revokeApiKey(ctx, { org: orgSlug, id }));
}
