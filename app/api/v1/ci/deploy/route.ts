import { ciApi, ciDeploymentUrl } from '@/lib/http/ci-api';
import { ciDeploy } from '@/lib/services/ci/ci-deploy';

export const POST = ciApi(async ({ ctx, body, req }) => {
  const accepted = await ciDeploy(ctx, await body(), req.headers.get('idempotency-key') ?? undefined);
  return { status: 202, body: { ...accepted, statusUrl: ciDeploymentUrl(accepted.deploymentId) } };
});
