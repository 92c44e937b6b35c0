import { api } from '@/lib/http/api';
import { getDeployment } from '@/lib/services/deployments/get-deployment';

type P = { org: string; id: string };
export const GET = api<P>(async ({ ctx, params }) => getDeployment(ctx, params.org, params.id));
