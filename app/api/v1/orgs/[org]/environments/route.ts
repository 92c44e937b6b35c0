import { api } from '@/lib/http/api';
import { listEnvironments } from '@/lib/services/environments/list-environments';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listEnvironments(ctx, { org: params.org }) }));
