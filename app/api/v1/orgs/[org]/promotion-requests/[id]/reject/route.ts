import { withPath } from '@/lib/http/with-path';
import { api } from '@/lib/http/api';
import { rejectPromotion } from '@/lib/services/deployments/promotion-approval';

type P = { org: string; id: string };
/** Rejects, with an optional `{ reason }` shown to the team. */
export const POST = api<P>(async ({ ctx, params, body }) => rejectPromotion(ctx, withPath(await body(), { org: params.org, id: params.id })));
