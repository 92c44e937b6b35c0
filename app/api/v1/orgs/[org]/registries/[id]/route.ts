import { api } from '@/lib/http/api';
import { deleteRegistry } from '@/lib/services/registries/delete-registry';
import { getRegistry } from '@/lib/services/registries/get-registry';
import { updateRegistry } from '@/lib/services/registries/update-registry';

type P = { org: string; id: string };
export const GET = api<P>(async ({ ctx, params }) => getRegistry(ctx, params.org, params.id));
export const PATCH = api<P>(async ({ ctx, params, body }) => updateRegistry(ctx, params.org, params.id, await body()));
export const DELETE = api<P>(async ({ ctx, params }) => {
  await deleteRegistry(ctx, params.org, params.id);
  return { status: 204, body: null };
});
