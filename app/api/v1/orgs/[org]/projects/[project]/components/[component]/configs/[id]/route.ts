import { api } from '@/lib/http/api';
import { deleteConfig } from '@/lib/services/configs/delete-config';

type P = { org: string; project: string; component: string; id: string };
export const DELETE = api<P>(async ({ ctx, params }) => deleteConfig(ctx, { org: params.org, project: params.project, component: params.component, id: params.id }));
