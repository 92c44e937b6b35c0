'use server';

import { action } from '@/lib/http/action';
import { inviteMember } from '@/lib/services/members/invite-member';
import { removeMember } from '@/lib/services/members/remove-member';
import { updateMemberRole } from '@/lib/services/members/update-member-role';

/** Adds an existing account at once, or creates an invitation whose token is returned this once. */
export async function inviteMemberAction(orgSlug: string, input: unknown) {
  return action((ctx) => inviteMember(ctx, orgSlug, input));
}

export async function updateMemberRoleAction(orgSlug: string, userId: string, input: unknown) {
  return action((ctx) => updateMemberRole(ctx, orgSlug, userId, input));
}

export async function removeMemberAction(orgSlug: string, userId: string) {
  return action((ctx) => removeMember(ctx, orgSlug, userId));
}
