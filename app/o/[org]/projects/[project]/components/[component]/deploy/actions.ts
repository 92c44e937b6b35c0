'use server';

import { withPath } from '@/lib/http/with-path';
import { action } from '@/lib/http/action';
import { listImageTags } from '@/lib/services/components/list-image-tags';
import { deploy } from '@/lib/services/deployments/deploy';
import { promote } from '@/lib/services/deployments/promote';
import { asImageFieldError } from '../../image-errors';

/** Update Image & Deploy: exactly one of { tag } | { image } | { releaseId }, to the first environment. */
export async function deployAction(orgSlug: string, projectName: string, componentName: string, input: unknown) {
  return action((ctx) => deploy(ctx, withPath(input, { org: orgSlug, project: projectName, component: componentName })).catch(asImageFieldError));
}

/** Runs the release active in `from` in the later environment `to`. */
export async function promoteAction(orgSlug: string, projectName: string, componentName: string, input: { from: string; to: string }) {
  return action((ctx) => promote(ctx, withPath(input, { org: orgSlug, project: projectName, component: componentName })));
}

/** The tags of the component's repository, read from its registry. */
export async function listImageTagsAction(orgSlug: string, projectName: string, componentName: string) {
  return action((ctx) => listImageTags(ctx, { org: orgSlug, project: projectName, component: componentName }));
}
