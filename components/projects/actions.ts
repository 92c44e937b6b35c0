'use server';

import { withPath } from '@/lib/http/with-path';
import { action } from '@/lib/http/action';
import { createProject } from '@/lib/services/projects/create-project';
import { deleteProject } from '@/lib/services/projects/delete-project';
import { updateProject } from '@/lib/services/projects/update-project';

export async function createProjectAction(orgSlug: string, input: unknown) {
  return action((ctx) => createProject(ctx, withPath(input, { org: orgSlug })));
}

/** Changes a project's display name or description; its name is immutable. */
export async function updateProjectAction(orgSlug: string, name: string, input: unknown) {
  return action((ctx) => updateProject(ctx, withPath(input, { org: orgSlug, project: name })));
}

export async function deleteProjectAction(orgSlug: string, name: string) {
  return action((ctx) => deleteProject(ctx, { org: orgSlug, project: name }));
}
