import { api } from '@/lib/http/api';
import { deploy } from '@/lib/services/deployments/deploy';
import { listDeployments } from '@/lib/services/deployments/list-deployments';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listDeployments(ctx, params.org, params.project, params.component) }));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 202, body: await deploy(ctx, params.org, params.project, params.component, await body()) }));
