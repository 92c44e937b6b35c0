import { api } from '@/lib/http/api';
import { listDeliveries } from '@/lib/services/ci/list-deliveries';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listDeliveries(ctx, params.org, params.project, params.component) }));
