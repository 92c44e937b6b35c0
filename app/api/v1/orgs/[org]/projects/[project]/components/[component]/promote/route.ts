import { api } from '@/lib/http/api';
import { promote } from '@/lib/services/deployments/promote';

type P = { org: string; project: string; component: string };
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 202, body: await promote(ctx, params.org, params.project, params.component, await body()) }));
