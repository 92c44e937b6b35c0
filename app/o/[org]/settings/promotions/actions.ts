'use server';

import { withPath } from '@/lib/http/with-path';
import { action } from '@/lib/http/action';
import { setPromotionPolicy } from '@/lib/services/deployments/promotion-approval';

/** Turns approval of promotions to the last environment on or off (admins). */
export async function setPromotionPolicyAction(orgSlug: string, input: { requireApproval: boolean }) {
  return action((ctx) => setPromotionPolicy(ctx, withPath(input, { org: orgSlug })));
}
