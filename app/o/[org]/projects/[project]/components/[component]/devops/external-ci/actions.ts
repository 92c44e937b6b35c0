'use server';

import { action } from '@/lib/http/action';
import { updateComponent } from '@/lib/services/components/update-component';
import { createCiToken, revokeCiToken } from '@/lib/services/ci/tokens';

/** Creates a CI token bound to this component; its value is in this one answer and never again. */
export async function createCiTokenAction(orgSlug: string, projectName: string, componentName: string, input: unknown) {
  return action((ctx) => createCiToken(ctx, orgSlug, projectName, componentName, input));
}

export async function revokeCiTokenAction(orgSlug: string, projectName: string, componentName: string, id: string) {
  return action((ctx) => revokeCiToken(ctx, orgSlug, projectName, componentName, id));
}

/** Which pushed tags registry events may deploy (a glob); null deploys every tag. */
export async function updateTagFilterAction(orgSlug: string, projectName: string, componentName: string, tagFilter: string | null) {
  return action((ctx) => updateComponent(ctx, { org: orgSlug, project: projectName, component: componentName, tagFilter }));
}
