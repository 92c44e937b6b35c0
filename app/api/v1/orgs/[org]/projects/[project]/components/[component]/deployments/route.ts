import { withPath } from '@/lib/http/with-path';
import { api } from '@/lib/http/api';
import { deploy } from '@/lib/services/deployments/deploy';
import { listDeployments } from '@/lib/services/deployments/list-deployments';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listDeployments(ctx, { org: params.org, project: params.project, component: params.component }) }));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 202, body: await deploy(ctx, withPath(await body(), { org: params.org, project: params.project, component: params.component })) }));
