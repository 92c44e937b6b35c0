import { api } from '@/lib/http/api';
import { listConfigs } from '@/lib/services/configs/list-configs';
import { setConfig } from '@/lib/services/configs/set-config';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listConfigs(ctx, params.org, params.project, params.component) }));
export const PUT = api<P>(async ({ ctx, params, body }) => setConfig(ctx, params.org, params.project, params.component, await body()));
