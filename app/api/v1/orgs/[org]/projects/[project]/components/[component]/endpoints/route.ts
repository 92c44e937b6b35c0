import { api } from '@/lib/http/api';
import { withParams } from '@/lib/http/with-params';
import { getEndpoints } from '@/lib/services/endpoints/get-endpoints';
import { putEndpoints } from '@/lib/services/endpoints/put-endpoints';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => getEndpoints(ctx, params));
export const PUT = api<P>(async ({ ctx, params, body }) => putEndpoints(ctx, withParams(params, await body())));
