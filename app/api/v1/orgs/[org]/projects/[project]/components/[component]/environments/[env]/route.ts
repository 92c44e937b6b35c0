import { api } from '@/lib/http/api';
import { ServiceError } from '@/lib/errors';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';

type P = { org: string; project: string; component: string; env: string };
export const GET = api<P>(async ({ ctx, params }) => {
  const card = (await componentEnvironments(ctx, { org: params.org, project: params.project, component: params.component })).find((e) => e.name === params.env);
  if (!card) throw ServiceError.notFound(`Environment "${params.env}"`);
  return card;
});
