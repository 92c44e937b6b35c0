import { api } from '@/lib/http/api';
import { withParams } from '@/lib/http/with-params';
import { listMarketplaceEntries } from '@/lib/services/marketplace/list-entries';
import { registerMarketplaceEntry } from '@/lib/services/marketplace/register-entry';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params, query }) => listMarketplaceEntries(ctx, { ...Object.fromEntries(query), ...params }));
export const POST = api<P>(async ({ ctx, params, body }) => {
  const saved = await registerMarketplaceEntry(ctx, withParams(params, await body()));
  return { status: saved.created ? 201 : 200, body: saved };
});
