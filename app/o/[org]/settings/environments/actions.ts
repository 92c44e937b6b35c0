'use server';

import { action } from '@/lib/http/action';
import { createEnvironment } from '@/lib/services/environments/create-environment';
import { deleteEnvironment } from '@/lib/services/environments/delete-environment';
import { reorderEnvironments } from '@/lib/services/environments/reorder-environments';
import { updateEnvironment } from '@/lib/services/environments/update-environment';

/** Adds an environment: `{ org, name, displayName, dataPlane, position? }`. */
export async function createEnvironmentAction(input: unknown) {
  return action((ctx) => createEnvironment(ctx, input));
}

/** Renames or rebinds an environment: `{ org, env, name?, displayName?, dataPlane? }` (conflict while components run in it). */
export async function updateEnvironmentAction(input: unknown) {
  return action((ctx) => updateEnvironment(ctx, input));
}

/** Sets the promotion path: `{ org, order }`. */
export async function reorderEnvironmentsAction(input: unknown) {
  return action((ctx) => reorderEnvironments(ctx, input));
}

/** Deletes an environment: `{ org, env }` (conflict while components run in it). */
export async function deleteEnvironmentAction(input: unknown) {
  return action((ctx) => deleteEnvironment(ctx, input));
}
