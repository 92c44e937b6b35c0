import { api } from '@/lib/http/api';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { listApiKeys } from '@/lib/services/api-keys/list-api-keys';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listApiKeys(ctx, params.org) }));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await createApiKey(ctx, params.org, await body()) }));
