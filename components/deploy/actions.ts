'use server';

import { withPath } from '@/lib/http/with-path';
import { action } from '@/lib/http/action';
import { listImageTags } from '@/lib/services/components/list-image-tags';
import { deploy } from '@/lib/services/deployments/deploy';
import { promote } from '@/lib/services/deployments/promote';
import { approvePromotion, rejectPromotion } from '@/lib/services/deployments/promotion-approval';
import { setPromotionPolicy } from '@/lib/services/deployments/promotion-approval';

/** Update Image & Deploy: exactly one of { tag } | { image } | { releaseId }, to the first environment. */
export async function deployAction(orgSlug: string, projectName: string, componentName: string, input: unknown) {
  return action((ctx) => deploy(ctx, withPath(input, { org: orgSlug, project: projectName, component: componentName })));
}

/** Runs the release active in `from` in the later environment `to`. */
export async function promoteAction(orgSlug: string, projectName: string, componentName: string, input: { from: string; to: string }) {
  return action((ctx) => promote(ctx, withPath(input, { org: orgSlug, project: projectName, component: componentName })));
}

/** The tags of the component's repository, read from its registry. */
export async function listImageTagsAction(orgSlug: string, projectName: string, componentName: string) {
  return action((ctx) => listImageTags(ctx, { org: orgSlug, project: projectName, component: componentName }));
}

/** Approves a promotion waiting for approval: exactly the requested release is deployed. */
export async function approvePromotionAction(orgSlug: string, id: string) {
  return action((ctx) => approvePromotion(ctx, { org: orgSlug, id }));
}

/** Rejects a promotion waiting for approval, with an optional reason for the requester. */
export async function rejectPromotionAction(orgSlug: string, id: string, input: { reason?: string }) {
  return action((ctx) => rejectPromotion(ctx, withPath(input, { org: orgSlug, id })));
}

/** Turns approval of promotions to the last environment on or off (admins). */
export async function setPromotionPolicyAction(orgSlug: string, input: { requireApproval: boolean }) {
  return action((ctx) => setPromotionPolicy(ctx, withPath(input, { org: orgSlug })));
}
