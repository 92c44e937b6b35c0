import { api } from '@/lib/http/api';
import { withParams } from '@/lib/http/with-params';
import { attachDataPlane } from '@/lib/services/environments/attach-data-plane';
import { listDataPlanes } from '@/lib/services/environments/list-data-planes';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listDataPlanes(ctx, params) }));
/** `{ name, kind: "kubernetes", kubeconfig, namespacePrefix? }`: stored only once the cluster answers; the kubeconfig is never returned. */
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await attachDataPlane(ctx, withParams(params, await body())) }));
