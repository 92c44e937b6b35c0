import { withPath } from '@/lib/http/with-path';
import { api } from '@/lib/http/api';
import { promote } from '@/lib/services/deployments/promote';

type P = { org: string; project: string; component: string };
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 202, body: await promote(ctx, withPath(await body(), { org: params.org, project: params.project, component: params.component })) }));
