import { withPath } from '@/lib/http/with-path';
import { api } from '@/lib/http/api';
import { deleteComponent } from '@/lib/services/components/delete-component';
import { getComponent } from '@/lib/services/components/get-component';
import { updateComponent } from '@/lib/services/components/update-component';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => getComponent(ctx, { org: params.org, project: params.project, component: params.component }));
export const PATCH = api<P>(async ({ ctx, params, body }) => updateComponent(ctx, withPath(await body(), { org: params.org, project: params.project, component: params.component })));
/** Stops and removes what runs everywhere, revokes CI tokens; 409 while a rollout is in flight. Answers with what was removed. */
export const DELETE = api<P>(async ({ ctx, params }) => deleteComponent(ctx, { org: params.org, project: params.project, component: params.component }));
