import { api } from '@/lib/http/api';
import { getVersion } from '@/lib/services/pipelines/list-versions';

type P = { org: string; pipeline: string; version: string };
export const GET = api<P>(async ({ ctx, params }) => getVersion(ctx, params));
