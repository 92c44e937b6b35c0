import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { ciToken, component, dataPlane, deployment, deploymentEvent, environment, inFlightStatuses } from '@/db/schema';
import { revokeCredentials } from '@/lib/auth/bearer-credential';
import { driverForPlane } from '@/lib/dataplane/runtime';
import { ServiceError } from '@/lib/errors';
import { deploymentChanged } from '@/lib/events/deployment-changes';
import { removeComponentRoutes } from '@/lib/gateway/runtime';
import { logger } from '@/lib/logger';
import { audit, type ServiceContext } from '../context';
import { noFields } from '../paths';
import { parse } from '../validation';
import { loadComponent } from './find-component';

/**
 * Deletes a component and everything it runs: in every environment it ever deployed to, on
 * that environment's data plane, its containers (service replicas, task executions) or its
 * Kubernetes objects (Deployment, CronJob, Jobs, Services…) are stopped and removed. Its CI
 * tokens are revoked, its releases, deployments, configuration, schedules and executions go
 * with it; the audit log keeps its history (audit rows name their target, they do not
 * reference it).
 *
 * Refused (409) while a rollout is in flight: it would start a container after the removal.
 * Queued requests are superseded. The database rows are locked for the whole removal so the
 * engine cannot claim a new rollout meanwhile; a removal that fails on a data plane rolls
 * everything back and says so (deleting again retries: removal is idempotent).
 */
export async function deleteComponent(ctx: ServiceContext, input: unknown) {
  const { org, project, component: comp, body } = await loadComponent(ctx, input, 'components:manage');
  parse(noFields, body);
  const label = `${project.name}/${comp.name}`;
  // Refused before its routes are touched (checked again under lock below).
  await refuseWhileRollingOut(ctx.db, comp);
  // Its public routes go before its containers, so the gateway sends nothing to one on its way out;
  // they come back only if the removal fails and rolls back (lib/gateway/runtime.ts).
  const owner = { org: org.slug, project: project.name, component: comp.name };
  const result = await removeComponentRoutes(ctx.db, owner, () => ctx.db.transaction(async (tx) => {
    await tx.select({ id: component.id }).from(component).where(eq(component.id, comp.id)).for('update');
    // Locks the rows the engine claims from; a claim made just before shows as in flight below.
    const queued = await tx
      .update(deployment)
      .set({ status: 'superseded', reason: 'The component was deleted.', finishedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(deployment.componentId, comp.id), eq(deployment.status, 'queued')))
      .returning({ id: deployment.id });
    if (queued.length) await tx.insert(deploymentEvent).values(queued.map((q) => ({ deploymentId: q.id, status: 'superseded' as const, message: 'The component was deleted.' })));
    await refuseWhileRollingOut(tx, comp);

    // Every environment it ever deployed to: a failed rollout may have left a container too.
    const deployedTo = tx.selectDistinct({ id: deployment.environmentId }).from(deployment).where(eq(deployment.componentId, comp.id));
    const places = await tx
      .select({ environment: environment.name, plane: dataPlane })
      .from(environment)
      .innerJoin(dataPlane, eq(dataPlane.id, environment.dataPlaneId))
      .where(inArray(environment.id, deployedTo))
      .orderBy(environment.position);
    for (const p of places) {
      const identity = { org: org.slug, project: project.name, component: comp.name, environment: p.environment };
      try {
        await (await driverForPlane(p.plane)).remove(identity);
      } catch (e) {
        logger.warn({ err: { message: (e as Error).message }, ...identity }, 'component removal failed on a data plane');
        throw new ServiceError('unavailable', `Could not remove ${comp.name} from ${p.environment} (data plane "${p.plane.name}"): the data plane did not answer. Nothing was deleted; try again when it is reachable.`);
      }
    }

    const revoked = await revokeCredentials(tx, 'ci-token', eq(ciToken.componentId, comp.id));
    await tx.delete(component).where(eq(component.id, comp.id));
    await audit(tx, ctx, org.id, {
      action: 'component.delete',
      targetType: 'component',
      targetId: comp.id,
      targetLabel: label,
      data: { type: comp.type, repository: comp.repository, removedFrom: places.map((p) => p.environment), revokedCiTokens: revoked.map((t) => t.name) },
    });
    return { project: project.name, name: comp.name, removedFrom: places.map((p) => p.environment), revokedCiTokens: revoked.length };
  }));
  deploymentChanged();
  return result;
}

/** 409 while a rollout of the component is in flight: it would start a container after the removal. */
async function refuseWhileRollingOut(db: Tx, comp: { id: string; name: string }) {
  const [busy] = await db
    .select({ environment: environment.displayName })
    .from(deployment)
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .where(and(eq(deployment.componentId, comp.id), inArray(deployment.status, [...inFlightStatuses])))
    .limit(1);
  if (busy) throw ServiceError.conflict(`A rollout of ${comp.name} to ${busy.environment} is in progress. Wait until it finishes (a minute at most), then delete the component.`);
}
