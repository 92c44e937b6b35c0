import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { component, dataPlane, deployment, environment, organization, project } from '@/db/schema';
import { logger } from '@/lib/logger';
import { audit } from '@/lib/services/context';
import { COMPONENT_TYPES, isLongRunning } from '@/lib/component-types';
import type { ObservedState } from '@/lib/dataplane/types';
import type { DriverFor } from './run-deployment';
import { nothingInFlightBeside } from '@/lib/services/deployments/queries';

/**
 * Drift detection: the control plane believes one release is active per
 * (component, environment); this asks the data plane what actually runs (the
 * container gone, exited, crash-looping) and records it on the active
 * deployment — observed_status / observed_reason / observed_at (since when) —
 * with an audit entry and a log line whenever it changes. Environments with a
 * rollout in flight are skipped: their containers are being switched.
 */

const LONG_RUNNING = COMPONENT_TYPES.filter(isLongRunning);
const systemCtx = (db: Db) => ({ db, actor: { type: 'system' as const, label: 'drift detection' } });

export interface DriftChange {
  deploymentId: string;
  environment: string;
  component: string;
  from: string | null;
  to: ObservedState['status'];
  reason: string | null;
}

/** One pass over every active deployment of a long-running component; returns what changed. */
export async function checkDrift(db: Db, driverFor: DriverFor): Promise<DriftChange[]> {
  const rows = await db
    .select({
      id: deployment.id,
      organizationId: deployment.organizationId,
      componentId: component.id,
      releaseId: deployment.releaseId,
      observedStatus: deployment.observedStatus,
      observedReason: deployment.observedReason,
      plane: dataPlane,
      org: organization.slug,
      project: project.name,
      component: component.name,
      environment: environment.name,
    })
    .from(deployment)
    .innerJoin(component, eq(component.id, deployment.componentId))
    .innerJoin(project, eq(project.id, component.projectId))
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .innerJoin(dataPlane, eq(dataPlane.id, environment.dataPlaneId))
    .innerJoin(organization, eq(organization.id, deployment.organizationId))
    .where(
      and(
        eq(deployment.status, 'active'),
        inArray(component.type, LONG_RUNNING),
        nothingInFlightBeside,
      ),
    );

  const changes: DriftChange[] = [];
  for (const row of rows) {
    let observed: ObservedState;
    try {
      const driver = await driverFor(row.plane, {});
      if (!driver.observe) continue;
      observed = await driver.observe({ org: row.org, project: row.project, component: row.component, environment: row.environment, release: row.releaseId });
    } catch (e) {
      // The engine being unreachable is not drift of a workload: try again next time.
      logger.warn({ deploymentId: row.id, err: { message: (e as Error).message } }, 'drift check could not ask the data plane');
      continue;
    }
    const reason = observed.reason ?? null;
    if (observed.status === row.observedStatus && reason === row.observedReason) continue;
    const change: DriftChange = { deploymentId: row.id, environment: row.environment, component: `${row.project}/${row.component}`, from: row.observedStatus, to: observed.status, reason };
    const recorded = await db.transaction(async (tx) => {
      const updated = await tx
        .update(deployment)
        .set({ observedStatus: observed.status, observedReason: reason, observedAt: new Date() })
        .where(and(eq(deployment.id, row.id), eq(deployment.status, 'active')))
        .returning({ id: deployment.id });
      if (!updated.length) return false; // replaced meanwhile
      // A first "running" is no news; any other change is.
      if (row.observedStatus !== null || observed.status !== 'running') {
        await audit(tx, systemCtx(db), row.organizationId, {
          action: observed.status === 'running' ? 'deployment.drift-resolved' : 'deployment.drift',
          targetType: 'component',
          targetId: row.componentId,
          targetLabel: change.component,
          data: { deploymentId: row.id, environment: row.environment, from: row.observedStatus, to: observed.status, reason },
        });
      }
      return true;
    });
    if (!recorded) continue;
    changes.push(change);
    if (observed.status === 'running') logger.info(change, 'active deployment runs as expected');
    else logger.warn(change, 'drift: the active deployment does not run as the control plane believes');
  }
  return changes;
}

export interface DriftWatch {
  stop(): Promise<void>;
}

/** Runs checkDrift every `intervalMs` (default 30 s), one pass at a time. */
export function startDriftWatch(opts: { db: Db; driverFor: DriverFor; intervalMs?: number }): DriftWatch {
  let current: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || current) return; // one pass at a time; a slow pass skips the next tick
    current = checkDrift(opts.db, opts.driverFor)
      .catch((e) => logger.error({ err: { message: (e as Error).message } }, 'drift check failed'))
      .finally(() => (current = null));
  };
  const timer = setInterval(tick, opts.intervalMs ?? 30_000);
  timer.unref?.();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
