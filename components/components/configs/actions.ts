'use server';

import { withPath } from '@/lib/http/with-path';
import { action } from '@/lib/http/action';
import { deleteConfig } from '@/lib/services/configs/delete-config';
import { setConfig } from '@/lib/services/configs/set-config';

/** Sets an environment variable or a file mount; where the component runs, it is redeployed with it. */
export async function setConfigAction(orgSlug: string, projectName: string, componentName: string, input: unknown) {
  return action((ctx) => setConfig(ctx, withPath(input, { org: orgSlug, project: projectName, component: componentName })));
}

/** Removes a variable or file; `redeploy` names the environments to apply it in now (omitted: everywhere it applies). */
export async function deleteConfigAction(orgSlug: string, projectName: string, componentName: string, id: string, redeploy?: string[]) {
  return action((ctx) => deleteConfig(ctx, { org: orgSlug, project: projectName, component: componentName, id, ...(redeploy ? { redeploy } : {}) }));
}
