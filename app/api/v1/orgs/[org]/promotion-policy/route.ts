import { withPath } from '@/lib/http/with-path';
import { api } from '@/lib/http/api';
import { getPromotionPolicy, setPromotionPolicy } from '@/lib/services/deployments/promotion-approval';

type P = { org: string };
/** `{ requireApproval, lastEnvironment }`: whether promotions to the last environment wait for approval. */
export const GET = api<P>(async ({ ctx, params }) => getPromotionPolicy(ctx, { org: params.org }));
/** `{ requireApproval: boolean }` (admins). */
export const PUT = api<P>(async ({ ctx, params, body }) => setPromotionPolicy(ctx, withPath(await body(), { org: params.org })));
