import { api } from '@/lib/http/api';
import { listVersions } from '@/lib/services/pipelines/list-versions';

type P = { org: string; pipeline: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listVersions(ctx, params) }));
