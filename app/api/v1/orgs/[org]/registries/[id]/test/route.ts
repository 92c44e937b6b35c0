import { api } from '@/lib/http/api';
import { testRegistry } from '@/lib/services/registries/test-registry';

type P = { org: string; id: string };
export const POST = api<P>(async ({ ctx, params, body }) => testRegistry(ctx, params.org, params.id, await body()));
