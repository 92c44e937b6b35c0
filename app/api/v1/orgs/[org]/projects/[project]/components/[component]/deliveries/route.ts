import { api } from '@/lib/http/api';
import { listDeliveries } from '@/lib/services/ci/list-deliveries';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listDeliveries(ctx, { org: params.org, project: params.project, component: params.component }) }));
