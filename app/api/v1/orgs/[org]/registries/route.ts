import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { listRegistries } from '@/lib/services/registries/list-registries';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listRegistries(ctx, { org: params.org }) }));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await createRegistry(ctx, withPath(await body(), { org: params.org })) }));
