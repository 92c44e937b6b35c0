import { api } from '@/lib/http/api';
import { deleteConfig } from '@/lib/services/configs/delete-config';

type P = { org: string; project: string; component: string; id: string };
/** `?redeploy=development,staging` applies the removal there now; `?redeploy=` (empty) only saves it; absent: everywhere it applies. */
export const DELETE = api<P>(async ({ ctx, params, query }) => {
  const redeploy = query.get('redeploy');
  return deleteConfig(ctx, { org: params.org, project: params.project, component: params.component, id: params.id, ...(redeploy === null ? {} : { redeploy: redeploy.split(',').filter(Boolean) }) });
});
