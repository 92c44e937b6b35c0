import { config } from '@/lib/config';
import { api } from '@/lib/http/api';
import { inviteMember } from '@/lib/services/members/invite-member';
import { listMembers } from '@/lib/services/members/list-members';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => listMembers(ctx, params.org));
export const POST = api<P>(async ({ ctx, params, body }) => {
  const result = await inviteMember(ctx, params.org, await body());
  const { token, ...rest } = result;
  return { status: 201, body: { ...rest, invitationUrl: `${config().baseUrl}/invite/${token}` } };
});
