import { api } from '@/lib/http/api';
import { withParams } from '@/lib/http/with-params';
import { updateEndpoint } from '@/lib/services/endpoints/update-endpoint';

type P = { org: string; project: string; component: string; name: string };
export const PATCH = api<P>(async ({ ctx, params, body }) => updateEndpoint(ctx, withParams(params, await body())));
