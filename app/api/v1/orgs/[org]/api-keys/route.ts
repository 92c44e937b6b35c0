import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { createApiKey } from '@/lib/services/api-keys/create-api-key';
import { listApiKeys } from '@/lib/services/api-keys/list-api-keys';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listApiKeys(ctx, { org: params.org }) }));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await createApiKey(ctx, withPath(await body(), { org: params.org })) }));
