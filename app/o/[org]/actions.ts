'use server';

import { withPath } from '@/lib/http/with-path';
import { action } from '@/lib/http/action';
import { createProject } from '@/lib/services/projects/create-project';

export async function createProjectAction(orgSlug: string, input: unknown) {
  return action((ctx) => createProject(ctx, withPath(input, { org: orgSlug })));
}
