import { api } from '@/lib/http/api';
import { revokeInvitation } from '@/lib/services/members/invitations';

type P = { org: string; id: string };
/** Revokes a pending invitation: its link stops working at once. */
export const DELETE = api<P>(async ({ ctx, params }) => {
  await revokeInvitation(ctx, { org: params.org, id: params.id });
  return { status: 204, body: null };
});
