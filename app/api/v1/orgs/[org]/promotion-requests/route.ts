import { api } from '@/lib/http/api';
import { listPendingPromotions } from '@/lib/services/deployments/promotion-approval';

type P = { org: string };
/** Promotions waiting for approval, oldest first. */
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listPendingPromotions(ctx, { org: params.org }) }));
