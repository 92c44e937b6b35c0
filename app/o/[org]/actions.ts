'use server';

import { action } from '@/lib/http/action';
import { createProject } from '@/lib/services/projects/create-project';

export async function createProjectAction(orgSlug: string, input: unknown) {
  return action((ctx) => createProject(ctx, orgSlug, input));
}
