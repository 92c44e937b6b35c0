import { api } from '@/lib/http/api';
import { detachDataPlane } from '@/lib/services/environments/detach-data-plane';
import { getDataPlane } from '@/lib/services/environments/list-data-planes';

type P = { org: string; name: string };
export const GET = api<P>(async ({ ctx, params }) => getDataPlane(ctx, params));
/** 409 while an environment uses it. */
export const DELETE = api<P>(async ({ ctx, params }) => {
  await detachDataPlane(ctx, params);
  return { status: 204, body: null };
});
