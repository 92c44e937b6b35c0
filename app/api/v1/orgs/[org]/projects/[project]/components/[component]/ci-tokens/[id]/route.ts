import { api } from '@/lib/http/api';
import { revokeCiToken } from '@/lib/services/ci/tokens';

type P = { org: string; project: string; component: string; id: string };
export const DELETE = api<P>(async ({ ctx, params }) => {
  await revokeCiToken(ctx, { org: params.org, project: params.project, component: params.component, id: params.id });
  return { status: 204, body: null };
});
