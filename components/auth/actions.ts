'use server';

import { action } from '@/lib/http/action';
import { acceptInvitation } from '@/lib/services/members/accept-invitation';
import { setupFirstAdmin } from '@/lib/services/users/setup-first-admin';

/** First run: creates the first admin and their organisation (refused once any account exists). */
export async function setupAction(input: unknown) {
  return action((ctx) => setupFirstAdmin(ctx, input), { allowAnonymous: true });
}

/** Joins the invitation's organisation: as the signed-in invitee, or creating an account with `{ name, password }`. */
export async function acceptInvitationAction(token: string, account?: unknown) {
  return action((ctx) => acceptInvitation(ctx, { token, account }), { allowAnonymous: true });
}
