'use server';

import { withPath } from '@/lib/http/with-path';
import { action } from '@/lib/http/action';
import { createComponent } from '@/lib/services/components/create-component';
import { asImageFieldError } from './image-errors';

/** Creates a component from a full image URL; the server resolves the tag against the registry first. */
export async function createComponentAction(orgSlug: string, projectName: string, input: unknown) {
  return action((ctx) => createComponent(ctx, withPath(input, { org: orgSlug, project: projectName })).catch(asImageFieldError));
}
