'use server';

import { withPath } from '@/lib/http/with-path';
import { action } from '@/lib/http/action';
import { deleteComponent } from '@/lib/services/components/delete-component';
import { updateComponent } from '@/lib/services/components/update-component';

/** Changes display name, description, ports, health check path or schedule; name, type and registry are fixed. */
export async function updateComponentAction(orgSlug: string, projectName: string, componentName: string, input: unknown) {
  return action((ctx) => updateComponent(ctx, withPath(input, { org: orgSlug, project: projectName, component: componentName })));
}

/** Deletes the component: what runs in every environment is stopped and removed, CI tokens revoked, audit kept. */
export async function deleteComponentAction(orgSlug: string, projectName: string, componentName: string) {
  return action((ctx) => deleteComponent(ctx, { org: orgSlug, project: projectName, component: componentName }));
}
