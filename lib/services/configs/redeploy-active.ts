import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, deployment, environment, release } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { queueDeployment } from '../deployments/queue-deployment';
import { recordRelease } from '../deployments/make-release';
import { liveConfig, liveWorkload } from '../releases/snapshot';

/** The environments where a configuration change applies now: a release is active there. */
export async function activeEnvironments(tx: Tx, componentId: string, environmentId?: string | null) {
  const rows = await tx
    .select({ name: environment.name })
    .from(deployment)
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .where(and(eq(deployment.componentId, componentId), eq(deployment.status, 'active'), environmentId ? eq(deployment.environmentId, environmentId) : undefined))
    .orderBy(environment.position);
  return rows.map((r) => r.name);
}

/** Refuses a redeploy choice naming an environment where the change does not apply now. */
export function assertRedeployChoice(only: string[] | undefined, applies: string[]) {
  const stray = only?.find((e) => !applies.includes(e));
  if (stray) {
    const message = applies.length ? `Nothing of this change runs in "${stray}": choose among ${applies.join(', ')}.` : `Nothing runs where this change applies, so there is nothing to redeploy in "${stray}".`;
    throw ServiceError.invalid(message, { redeploy: message });
  }
}

/**
 * Applies a configuration change: where a release is active, a new release of the same image
 * and workload settings with today's configuration (nothing else of the live settings slips
 * in), deployed to that environment.
 */
export async function redeployActive(
  tx: Tx,
  ctx: ServiceContext,
  target: { organizationId: string; componentId: string; componentLabel: string; environmentId?: string | null },
  /** Only these environments (by name); omitted: every one where the change applies. */
  only?: string[],
): Promise<string[]> {
  const active = await tx
    .select({ environmentId: deployment.environmentId, environmentName: environment.name, image: release.image, tag: release.tag, digest: release.digest, workload: release.workload })
    .from(deployment)
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .innerJoin(release, eq(release.id, deployment.releaseId))
    .where(and(eq(deployment.componentId, target.componentId), eq(deployment.status, 'active'), target.environmentId ? eq(deployment.environmentId, target.environmentId) : undefined));
  const chosen = only ? active.filter((a) => only.includes(a.environmentName)) : active;
  if (!chosen.length) return [];
  const config = await liveConfig(tx, target.componentId);
  const [comp] = await tx.select().from(component).where(eq(component.id, target.componentId));
  for (const a of chosen) {
    const workload = a.workload ?? (await liveWorkload(tx, comp));
    const rel = await recordRelease(tx, ctx, target.componentId, { image: a.image, tag: a.tag, digest: a.digest }, { workload, config });
    await queueDeployment(tx, ctx, { organizationId: target.organizationId, componentId: target.componentId, componentLabel: target.componentLabel, environmentId: a.environmentId, environmentName: a.environmentName, releaseId: rel.id, image: rel.image, digest: rel.digest, trigger: 'config' });
  }
  return chosen.map((a) => a.environmentName);
}
