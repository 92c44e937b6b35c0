import { withPath } from '@/lib/http/with-path';
import { api } from '@/lib/http/api';
import { createComponent } from '@/lib/services/components/create-component';
import { listComponents } from '@/lib/services/components/list-components';

type P = { org: string; project: string };
export const GET = api<P>(async ({ ctx, params, query }) => listComponents(ctx, { ...Object.fromEntries(query), org: params.org, project: params.project }));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await createComponent(ctx, withPath(await body(), { org: params.org, project: params.project })) }));
