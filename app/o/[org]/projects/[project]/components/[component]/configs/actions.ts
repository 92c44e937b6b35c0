'use server';

import { action } from '@/lib/http/action';
import { deleteConfig } from '@/lib/services/configs/delete-config';
import { setConfig } from '@/lib/services/configs/set-config';

/** Sets an environment variable or a file mount; where the component runs, it is redeployed with it. */
export async function setConfigAction(orgSlug: string, projectName: string, componentName: string, input: unknown) {
  return action((ctx) => setConfig(ctx, orgSlug, projectName, componentName, input));
}

export async function deleteConfigAction(orgSlug: string, projectName: string, componentName: string, id: string) {
  return action((ctx) => deleteConfig(ctx, orgSlug, projectName, componentName, id));
}
