import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deployment, deploymentEvent, release, type DeploymentTrigger, type ReleaseWorkload } from '@/db/schema';
import { actorLabel, audit, type Actor, type ServiceContext } from '../context';
import { taskSettingsForDeployment, type TaskFields } from '../tasks/task-settings';

/**
 * Writes the desired state: a queued deployment of a release to an environment. Older
 * requests still waiting for the same (component, environment) are superseded: the
 * newest request wins. The reconciler does the rest.
 */
export async function queueDeployment(
  tx: Tx,
  ctx: ServiceContext,
  target: { organizationId: string; componentId: string; componentLabel: string; environmentId: string; environmentName: string; releaseId: string; image: string; digest: string; trigger?: DeploymentTrigger },
  /** The component's row and the release's frozen workload when the caller holds them already (one statement each fewer). */
  known: { component?: TaskFields; workload?: ReleaseWorkload | null } = {},
) {
  const trigger = target.trigger ?? triggerOf(ctx.actor);
  const superseded = await tx
    .update(deployment)
    .set({ status: 'superseded', reason: 'A newer deployment was requested before this one started.', finishedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(deployment.componentId, target.componentId), eq(deployment.environmentId, target.environmentId), inArray(deployment.status, ['queued'])))
    .returning({ id: deployment.id });
  const settings = await taskSettingsForDeployment(tx, target, known.component);
  // The release's frozen timeout wins over today's (a rollback runs what ran); the schedule is the environment's.
  const workload = known.workload !== undefined ? known.workload : (await tx.select({ workload: release.workload }).from(release).where(eq(release.id, target.releaseId)))[0]?.workload;
  const frozen = workload?.task;
  const taskSettings = settings && frozen ? { ...settings, timeoutSeconds: frozen.timeoutSeconds } : settings;
  const [row] = await tx
    .insert(deployment)
    .values({
      taskSettings,
      organizationId: target.organizationId,
      componentId: target.componentId,
      environmentId: target.environmentId,
      releaseId: target.releaseId,
      triggeredByType: ctx.actor.type,
      triggeredByLabel: actorLabel(ctx.actor),
      trigger,
    })
    .returning();
  // The superseded requests' events and the new one's go in one statement.
  await tx.insert(deploymentEvent).values([
    ...superseded.map((s) => ({ deploymentId: s.id, status: 'superseded' as const, message: 'Superseded by a newer deployment.' })),
    { deploymentId: row.id, status: 'queued' as const, message: `Deploy ${target.image} to ${target.environmentName}.` },
  ]);
  await audit(tx, ctx, target.organizationId, {
    action: auditActions[trigger] ?? 'deployment.create',
    targetType: 'component',
    targetId: target.componentId,
    targetLabel: target.componentLabel,
    data: { deploymentId: row.id, environment: target.environmentName, image: target.image, digest: target.digest, trigger },
  });
  return row;
}

/** Who asked, when the caller did not say why: the console, the REST API, a CI token or the system. */
export function triggerOf(actor: Actor): DeploymentTrigger {
  if (actor.type === 'user') return actor.via === 'console' ? 'console' : 'api';
  if (actor.type === 'api-key') return 'api';
  if (actor.type === 'ci-token') return 'ci';
  return 'system';
}

/** The audit log says what happened: a promotion or a rollback is not a new deployment. */
const auditActions: Partial<Record<DeploymentTrigger, string>> = {
  promote: 'deployment.promote',
  rollback: 'deployment.rollback',
  config: 'deployment.redeploy',
};
