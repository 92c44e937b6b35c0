import { ciApi } from '@/lib/http/ci-api';
import { ciDeploymentStatus } from '@/lib/services/ci/ci-deployment-status';

type P = { id: string };
export const GET = ciApi<P>(async ({ ctx, params, query, req }) => ({
  status: 200,
  body: await ciDeploymentStatus(ctx, { id: params.id, ...(query.get('wait') ? { wait: query.get('wait') } : {}) }, req.signal),
}));
