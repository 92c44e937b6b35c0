import { api } from '@/lib/http/api';
import { withParams } from '@/lib/http/with-params';
import { createEnvironment } from '@/lib/services/environments/create-environment';
import { listEnvironments } from '@/lib/services/environments/list-environments';
import { reorderEnvironments } from '@/lib/services/environments/reorder-environments';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listEnvironments(ctx, params) }));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await createEnvironment(ctx, withParams(params, await body())) }));
/** Replaces the promotion order: `{ order: [every environment's name] }`. */
export const PUT = api<P>(async ({ ctx, params, body }) => ({ items: await reorderEnvironments(ctx, withParams(params, await body())) }));
