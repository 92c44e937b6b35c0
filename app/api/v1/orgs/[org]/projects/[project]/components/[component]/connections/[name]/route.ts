import { api } from '@/lib/http/api';
import { withParams } from '@/lib/http/with-params';
import { deleteConnection } from '@/lib/services/marketplace/delete-connection';
import { updateConnection } from '@/lib/services/marketplace/update-connection';

type P = { org: string; project: string; component: string; name: string };
export const PATCH = api<P>(async ({ ctx, params, body }) => updateConnection(ctx, withParams(params, await body())));
export const DELETE = api<P>(async ({ ctx, params }) => {
  await deleteConnection(ctx, params);
  return { status: 204, body: null };
});
