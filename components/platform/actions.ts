'use server';

import { action } from '@/lib/http/action';
import { attachDataPlane } from '@/lib/services/environments/attach-data-plane';
import { createEnvironment } from '@/lib/services/environments/create-environment';
import { deleteEnvironment } from '@/lib/services/environments/delete-environment';
import { detachDataPlane } from '@/lib/services/environments/detach-data-plane';
import { reorderEnvironments } from '@/lib/services/environments/reorder-environments';
import { testDataPlane } from '@/lib/services/environments/test-data-plane';
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

/** Attaches a Kubernetes cluster: `{ org, name, kind: "kubernetes", kubeconfig, namespacePrefix? }`; the answer never holds the kubeconfig. */
export async function attachDataPlaneAction(input: unknown) {
  return action((ctx) => attachDataPlane(ctx, input));
}

/** Test connection: `{ org, name }`; recorded as the plane's health. */
export async function testDataPlaneAction(input: unknown) {
  return action((ctx) => testDataPlane(ctx, input));
}

/** Detaches a cluster: `{ org, name }` (conflict while an environment uses it). */
export async function detachDataPlaneAction(input: unknown) {
  return action((ctx) => detachDataPlane(ctx, input));
}
