import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { testRegistry } from '@/lib/services/registries/test-registry';

type P = { org: string; id: string };
export const POST = api<P>(async ({ ctx, params, body }) => testRegistry(ctx, withPath(await body(), { org: params.org, id: params.id })));
