import { api } from '@/lib/http/api';
import { approvePromotion } from '@/lib/services/deployments/promotion-approval';

type P = { org: string; id: string };
/** Approves: the requested release is deployed → 202 with the deployment, as a promotion answers. */
export const POST = api<P>(async ({ ctx, params }) => ({ status: 202, body: await approvePromotion(ctx, { org: params.org, id: params.id }) }));
