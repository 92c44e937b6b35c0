import { withPath } from '@/lib/http/with-path';
import { config } from '@/lib/config';
import { api } from '@/lib/http/api';
import { inviteMember } from '@/lib/services/members/invite-member';
import { listMembers } from '@/lib/services/members/list-members';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => listMembers(ctx, { org: params.org }));
export const POST = api<P>(async ({ ctx, params, body }) => {
  const result = await inviteMember(ctx, withPath(await body(), { org: params.org }));
  const { token, ...rest } = result;
  return { status: 201, body: { ...rest, invitationUrl: `${config().baseUrl}/invite/${token}` } };
});
