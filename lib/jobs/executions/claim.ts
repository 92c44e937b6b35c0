import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { liveExecutionStatuses, taskExecution } from '@/db/schema';
import { leaseMs } from '@/lib/jobs/lease';

const free = or(isNull(taskExecution.leaseUntil), lte(taskExecution.leaseUntil, sql`now()`));

/**
 * Claims the oldest queued or running execution nobody holds a lease on: a queued one is
 * started; a running one was left by a process that died and is followed again. SKIP LOCKED
 * lets several processes claim side by side.
 */
export async function claimExecution(db: Db, busy: ReadonlySet<string>) {
  return db.transaction(async (tx) => {
    const candidates = await tx
      .select({ id: taskExecution.id })
      .from(taskExecution)
      .where(and(inArray(taskExecution.status, [...liveExecutionStatuses]), free))
      .orderBy(asc(taskExecution.createdAt))
      .limit(20)
      .for('update', { skipLocked: true });
    const pick = candidates.find((c) => !busy.has(c.id));
    if (!pick) return undefined;
    const [row] = await tx
      .update(taskExecution)
      .set({ leaseUntil: new Date(Date.now() + leaseMs), attempts: sql`${taskExecution.attempts} + 1`, updatedAt: new Date() })
      .where(eq(taskExecution.id, pick.id))
      .returning();
    return row;
  });
}

/** At start with the embedded database (one process): every live execution is ours, whatever its lease says. */
export async function releaseExecutionLeases(db: Db, all: boolean) {
  if (!all) return 0; // expired leases are claimable as they are
  const rows = await db
    .update(taskExecution)
    .set({ leaseUntil: null })
    .where(and(inArray(taskExecution.status, [...liveExecutionStatuses]), sql`${taskExecution.leaseUntil} is not null`))
    .returning({ id: taskExecution.id });
  return rows.length;
}
