import { withPath } from '@/lib/http/with-path';
import { api } from '@/lib/http/api';
import { removeMember } from '@/lib/services/members/remove-member';
import { updateMemberRole } from '@/lib/services/members/update-member-role';

type P = { org: string; userId: string };
export const PATCH = api<P>(async ({ ctx, params, body }) => updateMemberRole(ctx, withPath(await body(), { org: params.org, userId: params.userId })));
export const DELETE = api<P>(async ({ ctx, params }) => {
  await removeMember(ctx, { org: params.org, userId: params.userId });
  return { status: 204, body: null };
});
