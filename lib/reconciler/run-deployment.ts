import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { component, deployment, deploymentEvent, type DeploymentStatus } from '@/db/schema';
import { parseImageReference } from '@/lib/oci/reference';
import { RolloutError, type DataPlaneDriver, type RolloutResult } from '@/lib/dataplane/types';
import { syncGateway } from '@/lib/gateway/runtime';
import { isServiceError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { backoffMs, defaultRetry, leaseMs, type RetryPolicy } from '@/lib/jobs/lease';
import { workloadFor } from './workload-spec';
import { activeDeploymentOf } from '@/lib/services/deployments/queries';

export { defaultRetry, type RetryPolicy } from '@/lib/jobs/lease';
export type DriverFor = (plane: Awaited<ReturnType<typeof workloadFor>>['plane'], hints: { insecureRegistry?: string }) => Promise<DataPlaneDriver>;

/**
 * A phase change and its event in one statement (a CTE): one round trip instead of a
 * BEGIN/UPDATE/INSERT/COMMIT transaction, and still atomic.
 */
async function setStatus(db: Db, id: string, status: DeploymentStatus, message?: string | null) {
  await db.execute(sql`
    with moved as (
      update ${deployment} set status = ${status}, updated_at = now(), lease_until = now() + ${leaseMs} * interval '1 millisecond'
      where id = ${id} returning id
    )
    insert into ${deploymentEvent} (deployment_id, status, message) select id, ${status}, ${message ?? null} from moved`);
}

async function finish(db: Db, id: string, status: 'failed' | 'superseded', reason: string, lastLogLines?: string[]) {
  await db.execute(sql`
    with ended as (
      update ${deployment} set status = ${status}, reason = ${reason}, last_log_lines = ${lastLogLines ? JSON.stringify(lastLogLines) : null}::jsonb,
        finished_at = now(), updated_at = now(), lease_until = null
      where id = ${id} returning id
    )
    insert into ${deploymentEvent} (deployment_id, status, message) select id, ${status}, ${reason} from ended`);
}

async function newerRequested(db: Db, dep: { id: string; componentId: string; environmentId: string; createdAt: Date }) {
  const [newer] = await db
    .select({ id: deployment.id })
    .from(deployment)
    .where(and(eq(deployment.componentId, dep.componentId), eq(deployment.environmentId, dep.environmentId), eq(deployment.status, 'queued'), gt(deployment.createdAt, dep.createdAt), ne(deployment.id, dep.id)))
    .limit(1);
  return newer;
}

/**
 * Drives one claimed deployment to active, failed or superseded. The previous release
 * keeps serving unless the new one became healthy; transient engine/registry trouble is
 * retried with backoff.
 */
export async function runDeployment(db: Db, claimed: typeof deployment.$inferSelect, driverFor: DriverFor, retry: RetryPolicy = defaultRetry) {
  const log = logger.child({ deploymentId: claimed.id });
  const heartbeat = setInterval(() => {
    db.update(deployment).set({ leaseUntil: new Date(Date.now() + leaseMs) }).where(eq(deployment.id, claimed.id)).catch(() => undefined);
  }, leaseMs / 3);
  try {
    if (await newerRequested(db, claimed)) return finish(db, claimed.id, 'superseded', 'A newer deployment was requested before this one started.');
    const work = await workloadFor(db, claimed.id);
    const driver = await driverFor(work.plane, { insecureRegistry: work.registryInsecureHost });
    // Phase updates are written in order, and all before the outcome.
    let phases: Promise<void> = Promise.resolve();
    // Made active (and the gateway pointed at it) before what it replaces stops: see RolloutOptions.
    let activated = false;
    const activate = async (result: RolloutResult) => {
      if (activated) return;
      activated = true;
      await phases;
      // The gateway first: when the deployment reads "active", its public URL already serves it.
      await syncGateway(db, { deploymentId: claimed.id, endpoints: result.endpoints });
      await db.transaction(async (tx) => {
        const replaced = await tx
          .update(deployment)
          .set({ status: 'superseded', reason: `Replaced by deployment ${claimed.id}.`, updatedAt: new Date() })
          .where(activeDeploymentOf(claimed.componentId, claimed.environmentId))
          .returning({ id: deployment.id });
        if (replaced.length) await tx.insert(deploymentEvent).values(replaced.map((r) => ({ deploymentId: r.id, status: 'superseded' as const, message: `Replaced by deployment ${claimed.id}.` })));
        await tx.update(deployment).set({ status: 'active', endpoints: result.endpoints, reason: null, finishedAt: new Date(), updatedAt: new Date(), leaseUntil: null }).where(eq(deployment.id, claimed.id));
        await tx.insert(deploymentEvent).values({ deploymentId: claimed.id, status: 'active', message: result.endpoints.map((e) => e.url).join(' ') || null });
        // What the component "is" (header, Overview, Settings, CI snippets) follows the release
        // that became active; a URL deploy that failed never changed it.
        const repository = parseImageReference(work.release.image).name;
        await tx.update(component).set({ repository, updatedAt: new Date() }).where(and(eq(component.id, claimed.componentId), ne(component.repository, repository)));
      });
    };
    const result = await driver
      .rollout(
        work.spec,
        (phase) => {
          phases = phases.then(() => setStatus(db, claimed.id, phase)).catch(() => undefined);
        },
        { beforeRetire: activate, visibility: widestVisibility(work.workload.endpoints) },
      )
      .finally(() => phases);
    await activate(result);
    log.info('deployment active');
  } catch (e) {
    const transient = (e instanceof RolloutError && e.transient) || (isServiceError(e) && e.code === 'unavailable');
    const message = e instanceof Error ? e.message : String(e);
    if (transient && claimed.attempts < retry.attempts) {
      const delay = backoffMs(retry, claimed.attempts);
      await db.transaction(async (tx) => {
        await tx.update(deployment).set({ status: 'queued', notBefore: new Date(Date.now() + delay), leaseUntil: null, updatedAt: new Date() }).where(eq(deployment.id, claimed.id));
        await tx.insert(deploymentEvent).values({ deploymentId: claimed.id, status: 'queued', message: `${message} Retrying in ${(delay / 1000).toFixed(1)} s.` });
      });
      log.warn({ attempt: claimed.attempts, err: { message } }, 'deployment will be retried');
      return;
    }
    if (!(e instanceof RolloutError) && !isServiceError(e)) log.error({ err: { message, stack: (e as Error)?.stack } }, 'deployment failed unexpectedly');
    await finish(db, claimed.id, 'failed', e instanceof RolloutError || isServiceError(e) ? message : `Unexpected error: ${message}`, e instanceof RolloutError ? e.lastLogLines : undefined);
  } finally {
    clearInterval(heartbeat);
  }
}

/** The widest network visibility among a release's endpoints: what the data plane must allow. */
export function widestVisibility(endpoints: { visibilities: ('Project' | 'Organization' | 'Public')[] }[]): 'project' | 'organization' | 'public' {
  const all = new Set(endpoints.flatMap((e) => e.visibilities));
  return all.has('Public') ? 'public' : all.has('Organization') ? 'organization' : 'project';
}
