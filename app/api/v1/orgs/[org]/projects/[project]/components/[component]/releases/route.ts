import { api } from '@/lib/http/api';
import { listReleases } from '@/lib/services/components/list-releases';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listReleases(ctx, { org: params.org, project: params.project, component: params.component }) }));
