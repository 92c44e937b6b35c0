import { api } from '@/lib/http/api';
import { getComponent } from '@/lib/services/components/get-component';
import { updateComponent } from '@/lib/services/components/update-component';

type P = { org: string; project: string; component: string };
export const GET = api<P>(async ({ ctx, params }) => getComponent(ctx, params.org, params.project, params.component));
export const PATCH = api<P>(async ({ ctx, params, body }) => updateComponent(ctx, params.org, params.project, params.component, await body()));
