import { api } from '@/lib/http/api';
import { createCiToken, listCiTokens } from '@/lib/services/ci/tokens';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listCiTokens(ctx, params.org, params.project, params.component) }));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await createCiToken(ctx, params.org, params.project, params.component, await body()) }));
