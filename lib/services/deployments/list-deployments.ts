import { desc, eq } from 'drizzle-orm';
import { deployment, environment, release } from '@/db/schema';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { noFields } from '../paths';
import { parse } from '../validation';

export const deploymentColumns = {
  id: deployment.id,
  status: deployment.status,
  reason: deployment.reason,
  environment: environment.name,
  image: release.image,
  digest: release.digest,
  releaseId: deployment.releaseId,
  endpoints: deployment.endpoints,
  triggeredBy: deployment.triggeredByLabel,
  triggeredByType: deployment.triggeredByType,
  trigger: deployment.trigger,
  createdAt: deployment.createdAt,
  updatedAt: deployment.updatedAt,
  finishedAt: deployment.finishedAt,
};

/** Deployment history of a component, newest first. */
export async function listDeployments(ctx: ServiceContext, input: unknown) {
  const { component, body } = await loadComponent(ctx, input, 'org:read');
  parse(noFields, body);
  return ctx.db
    .select(deploymentColumns)
    .from(deployment)
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .innerJoin(release, eq(release.id, deployment.releaseId))
    .where(eq(deployment.componentId, component.id))
    .orderBy(desc(deployment.createdAt), desc(deployment.id))
    .limit(100);
}
