import { api } from '@/lib/http/api';
import { createOrg } from '@/lib/services/orgs/create-org';
import { listOrgs } from '@/lib/services/orgs/list-orgs';

export const GET = api(async ({ ctx }) => ({ items: await listOrgs(ctx) }));
export const POST = api(async ({ ctx, body }) => ({ status: 201, body: await createOrg(ctx, await body()) }));
