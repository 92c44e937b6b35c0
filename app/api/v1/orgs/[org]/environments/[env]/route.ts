import { api } from '@/lib/http/api';
import { withParams } from '@/lib/http/with-params';
import { deleteEnvironment } from '@/lib/services/environments/delete-environment';
import { getEnvironment } from '@/lib/services/environments/list-environments';
import { updateEnvironment } from '@/lib/services/environments/update-environment';

type P = { org: string; env: string };
export const GET = api<P>(async ({ ctx, params }) => getEnvironment(ctx, params));
/** `{ name?, displayName?, dataPlane? }`; 409 while components run in it for a new name or data plane. */
export const PATCH = api<P>(async ({ ctx, params, body }) => updateEnvironment(ctx, withParams(params, await body())));
export const DELETE = api<P>(async ({ ctx, params }) => {
  await deleteEnvironment(ctx, params);
  return { status: 204, body: null };
});
