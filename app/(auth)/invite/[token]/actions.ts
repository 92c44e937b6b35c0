'use server';

import { action } from '@/lib/http/action';
import { acceptInvitation } from '@/lib/services/members/accept-invitation';

/** Joins the invitation's organisation: as the signed-in invitee, or creating an account with `{ name, password }`. */
export async function acceptInvitationAction(token: string, account?: unknown) {
  return action((ctx) => acceptInvitation(ctx, { token, account }), { allowAnonymous: true });
}
