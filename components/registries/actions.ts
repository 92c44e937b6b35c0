'use server';

import { action } from '@/lib/http/action';
import { withPath } from '@/lib/http/with-path';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { deleteRegistry } from '@/lib/services/registries/delete-registry';
import { testRegistry } from '@/lib/services/registries/test-registry';
import { testRegistryDraft } from '@/lib/services/registries/test-registry-draft';
import { updateRegistry } from '@/lib/services/registries/update-registry';

/** Registers a container registry; the answer never holds the secret. */
export async function createRegistryAction(orgSlug: string, input: unknown) {
  return action((ctx) => createRegistry(ctx, withPath(input, { org: orgSlug })));
}

/** Changes a registry; a password or Docker config left out is kept as stored. */
export async function updateRegistryAction(orgSlug: string, id: string, patch: unknown) {
  return action((ctx) => updateRegistry(ctx, withPath(patch, { org: orgSlug, id })));
}

/** Deletes a registry; refused (conflict) while components pull from it. */
export async function deleteRegistryAction(orgSlug: string, id: string) {
  return action((ctx) => deleteRegistry(ctx, { org: orgSlug, id }));
}

/** Tests a saved registry with its stored credentials and records the result. */
export async function testRegistryAction(orgSlug: string, id: string, input: { image?: string } = {}) {
  return action((ctx) => testRegistry(ctx, withPath(input, { org: orgSlug, id })));
}

/** Tests the form's settings before saving; nothing is stored. */
export async function testRegistryDraftAction(orgSlug: string, input: { registry: unknown; image?: string }) {
  return action((ctx) => testRegistryDraft(ctx, withPath(input, { org: orgSlug })));
}
