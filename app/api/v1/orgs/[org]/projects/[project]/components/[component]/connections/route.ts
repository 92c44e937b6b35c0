import { api } from '@/lib/http/api';
import { withParams } from '@/lib/http/with-params';
import { createConnection } from '@/lib/services/marketplace/create-connection';
import { listConnections } from '@/lib/services/marketplace/list-connections';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => listConnections(ctx, params));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await createConnection(ctx, withParams(params, await body())) }));
