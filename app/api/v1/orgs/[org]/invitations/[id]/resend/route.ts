import { config } from '@/lib/config';
import { api } from '@/lib/http/api';
import { resendInvitation } from '@/lib/services/members/invitations';

type P = { org: string; id: string };
/** A new link for the same address and role (returned once); the old link stops working. */
export const POST = api<P>(async ({ ctx, params }) => {
  const { token, ...rest } = await resendInvitation(ctx, { org: params.org, id: params.id });
  return { status: 201, body: { ...rest, invitationUrl: `${config().baseUrl}/invite/${token}` } };
});
