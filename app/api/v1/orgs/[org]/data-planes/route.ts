import { api } from '@/lib/http/api';
import { listDataPlanes } from '@/lib/services/environments/list-data-planes';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listDataPlanes(ctx, { org: params.org }) }));
