'use server';

import { action } from '@/lib/http/action';
import { attachDataPlane } from '@/lib/services/environments/attach-data-plane';
import { detachDataPlane } from '@/lib/services/environments/detach-data-plane';
import { testDataPlane } from '@/lib/services/environments/test-data-plane';

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
