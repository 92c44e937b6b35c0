'use server';

import { withPath } from '@/lib/http/with-path';
import { action } from '@/lib/http/action';
import { createComponent } from '@/lib/services/components/create-component';
import { deleteComponent } from '@/lib/services/components/delete-component';
import { moveComponentRegistry } from '@/lib/services/components/move-registry';
import { updateComponent } from '@/lib/services/components/update-component';

/** Creates a component from a full image URL; the server resolves the tag against the registry first. */
export async function createComponentAction(orgSlug: string, projectName: string, input: unknown) {
  return action((ctx) => createComponent(ctx, withPath(input, { org: orgSlug, project: projectName })));
}

/** Changes display name, description, ports, health check path or schedule; name, type and registry are fixed. */
export async function updateComponentAction(orgSlug: string, projectName: string, componentName: string, input: unknown) {
  return action((ctx) => updateComponent(ctx, withPath(input, { org: orgSlug, project: projectName, component: componentName })));
}

/** Deletes the component: what runs in every environment is stopped and removed, CI tokens revoked, audit kept. */
export async function deleteComponentAction(orgSlug: string, projectName: string, componentName: string) {
  return action((ctx) => deleteComponent(ctx, { org: orgSlug, project: projectName, component: componentName }));
}

/** Moves the component to another registry after re-resolving its image there. */
export async function moveRegistryAction(orgSlug: string, projectName: string, componentName: string, input: { registryId: string; image?: string }) {
  return action((ctx) => moveComponentRegistry(ctx, withPath(input, { org: orgSlug, project: projectName, component: componentName })));
}
