import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { deployment, deploymentEvent, inFlightStatuses } from '@/db/schema';
import { isUniqueViolation } from '@/lib/services/validation';

// The lease length is the engine's (lib/jobs): one number for every kind of work.
export { leaseMs } from '@/lib/jobs/lease';
import { leaseMs } from '@/lib/jobs/lease';
import { nothingInFlightBeside } from '@/lib/services/deployments/queries';

const waiting = and(
  eq(deployment.status, 'queued'),
  or(isNull(deployment.notBefore), lte(deployment.notBefore, sql`now()`)),
  nothingInFlightBeside,
);

/**
 * Claims the oldest runnable deployment whose (component, environment) has nothing in
 * flight and is not busy in this process. SKIP LOCKED lets several workers and processes
 * claim side by side; the partial unique index settles any remaining race.
 */
export async function claimNext(db: Db, busy: Set<string>) {
  try {
    return await db.transaction(async (tx) => {
      const candidates = await tx
        .select({ id: deployment.id, componentId: deployment.componentId, environmentId: deployment.environmentId })
        .from(deployment)
        .where(waiting)
        .orderBy(asc(deployment.createdAt))
        .limit(20)
        .for('update', { skipLocked: true });
      const pick = candidates.find((c) => !busy.has(`${c.componentId}/${c.environmentId}`));
      if (!pick) return undefined;
      const [row] = await tx
        .update(deployment)
        .set({ status: 'resolving', attempts: sql`${deployment.attempts} + 1`, leaseUntil: new Date(Date.now() + leaseMs), updatedAt: new Date() })
        .where(eq(deployment.id, pick.id))
        .returning();
      await tx.insert(deploymentEvent).values({ deploymentId: row.id, status: 'resolving', message: row.attempts > 1 ? `Attempt ${row.attempts}.` : null });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) return undefined;
    throw e;
  }
}

/**
 * Work left in flight by a process that died goes back to the queue. With `all`, every
 * in-flight row is taken back (the embedded database has one process by construction);
 * otherwise only those whose lease ran out.
 */
export async function requeueAbandoned(db: Db, all: boolean) {
  const rows = await db
    .update(deployment)
    .set({ status: 'queued', leaseUntil: null, updatedAt: new Date() })
    .where(and(inArray(deployment.status, [...inFlightStatuses]), all ? undefined : lte(deployment.leaseUntil, sql`now()`)))
    .returning({ id: deployment.id });
  if (rows.length) {
    await db.insert(deploymentEvent).values(rows.map((r) => ({ deploymentId: r.id, status: 'queued' as const, message: 'Resumed after the control plane restarted.' })));
  }
  return rows.length;
}
