import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { deleteRegistry } from '@/lib/services/registries/delete-registry';
import { getRegistry } from '@/lib/services/registries/get-registry';
import { updateRegistry } from '@/lib/services/registries/update-registry';

type P = { org: string; id: string };
export const GET = api<P>(async ({ ctx, params }) => getRegistry(ctx, { org: params.org, id: params.id }));
export const PATCH = api<P>(async ({ ctx, params, body }) => updateRegistry(ctx, withPath(await body(), { org: params.org, id: params.id })));
export const DELETE = api<P>(async ({ ctx, params }) => {
  await deleteRegistry(ctx, { org: params.org, id: params.id });
  return { status: 204, body: null };
});
