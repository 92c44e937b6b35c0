import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { createCiToken, listCiTokens } from '@/lib/services/ci/tokens';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listCiTokens(ctx, { org: params.org, project: params.project, component: params.component }) }));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await createCiToken(ctx, withPath(await body(), { org: params.org, project: params.project, component: params.component })) }));
