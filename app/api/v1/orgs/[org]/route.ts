import { api } from '@/lib/http/api';
import { getOrg } from '@/lib/services/orgs/get-org';
import { updateOrg } from '@/lib/services/orgs/update-org';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => getOrg(ctx, params.org));
export const PATCH = api<P>(async ({ ctx, params, body }) => updateOrg(ctx, params.org, await body()));
