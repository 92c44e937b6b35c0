import { withPath } from '@/lib/http/with-path';
import { api } from '@/lib/http/api';
import { listConfigs } from '@/lib/services/configs/list-configs';
import { setConfig } from '@/lib/services/configs/set-config';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listConfigs(ctx, { org: params.org, project: params.project, component: params.component }) }));
export const PUT = api<P>(async ({ ctx, params, body }) => setConfig(ctx, withPath(await body(), { org: params.org, project: params.project, component: params.component })));
