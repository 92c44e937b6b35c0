import { api } from '@/lib/http/api';
import { getMarketplaceEntry } from '@/lib/services/marketplace/get-entry';
import { deleteMarketplaceEntry } from '@/lib/services/marketplace/delete-entry';

type P = { org: string; entry: string; version: string };
export const GET = api<P>(async ({ ctx, params }) => getMarketplaceEntry(ctx, params));
export const DELETE = api<P>(async ({ ctx, params }) => {
  await deleteMarketplaceEntry(ctx, params);
  return { status: 204, body: null };
});
