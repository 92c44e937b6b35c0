import { withPath } from '@/lib/http/with-path';
import { api } from '@/lib/http/api';
import { moveComponentRegistry } from '@/lib/services/components/move-registry';

type P = { org: string; project: string; component: string };
/** `{ registryId, image? }`: re-resolves the image on that registry, then deployments pull from it. */
export const POST = api<P>(async ({ ctx, params, body }) => moveComponentRegistry(ctx, withPath(await body(), { org: params.org, project: params.project, component: params.component })));
