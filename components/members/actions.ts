'use server';

import { withPath } from '@/lib/http/with-path';
import { action } from '@/lib/http/action';
import { resendInvitation, revokeInvitation } from '@/lib/services/members/invitations';
import { inviteMember } from '@/lib/services/members/invite-member';
import { removeMember } from '@/lib/services/members/remove-member';
import { updateMemberRole } from '@/lib/services/members/update-member-role';

/** Adds an existing account at once, or creates an invitation whose token is returned this once. */
export async function inviteMemberAction(orgSlug: string, input: unknown) {
  return action((ctx) => inviteMember(ctx, withPath(input, { org: orgSlug })));
}

export async function updateMemberRoleAction(orgSlug: string, userId: string, input: unknown) {
  return action((ctx) => updateMemberRole(ctx, withPath(input, { org: orgSlug, userId })));
}

export async function removeMemberAction(orgSlug: string, userId: string) {
  return action((ctx) => removeMember(ctx, { org: orgSlug, userId }));
}

/** Revokes a pending invitation. */
export async function revokeInvitationAction(orgSlug: string, id: string) {
  return action((ctx) => revokeInvitation(ctx, { org: orgSlug, id }));
}

/** A new one-time link for a pending invitation (the old one stops working). */
export async function resendInvitationAction(orgSlug: string, id: string) {
  return action((ctx) => resendInvitation(ctx, { org: orgSlug, id }));
}
