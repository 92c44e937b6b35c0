import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deployment, environment, release } from '@/db/schema';
import type { ServiceContext } from '../context';
import { queueDeployment } from '../deployments/queue-deployment';

/** Applies a configuration change: a new deployment of the same release where one is active. */
export async function redeployActive(tx: Tx, ctx: ServiceContext, target: { organizationId: string; componentId: string; componentLabel: string; environmentId?: string | null }) {
  const active = await tx
    .select({ releaseId: deployment.releaseId, environmentId: deployment.environmentId, environmentName: environment.name, image: release.image, digest: release.digest })
    .from(deployment)
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .innerJoin(release, eq(release.id, deployment.releaseId))
    .where(and(eq(deployment.componentId, target.componentId), eq(deployment.status, 'active'), target.environmentId ? eq(deployment.environmentId, target.environmentId) : undefined));
  for (const a of active) {
    await queueDeployment(tx, ctx, { organizationId: target.organizationId, componentId: target.componentId, componentLabel: target.componentLabel, ...a, trigger: 'config' });
  }
  return active.map((a) => a.environmentName);
}
