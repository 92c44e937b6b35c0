import { api } from '@/lib/http/api';
import { getDeployment } from '@/lib/services/deployments/get-deployment';

type P = { org: string; id: string };
export const GET = api<P>(async ({ ctx, params }) => getDeployment(ctx, { org: params.org, id: params.id }));
