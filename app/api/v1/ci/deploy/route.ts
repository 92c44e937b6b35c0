import { ciApi } from '@/lib/http/ci-api';
import { ciDeploy } from '@/lib/services/ci/ci-deploy';

export const POST = ciApi(async ({ ctx, body, req }) => ciDeploy(ctx, await body(), req.headers.get('idempotency-key') ?? undefined));
