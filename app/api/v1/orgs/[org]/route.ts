import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { getOrg } from '@/lib/services/orgs/get-org';
import { updateOrg } from '@/lib/services/orgs/update-org';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => getOrg(ctx, { org: params.org }));
export const PATCH = api<P>(async ({ ctx, params, body }) => updateOrg(ctx, withPath(await body(), { org: params.org })));
