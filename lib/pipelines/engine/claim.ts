import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { livePipelineRunStatuses, pipelineRun } from '@/db/schema';
import { leaseMs } from '@/lib/jobs/lease';

const free = or(isNull(pipelineRun.leaseUntil), lte(pipelineRun.leaseUntil, sql`now()`));

/**
 * Claims the oldest queued or running run nobody holds a lease on: a queued one is started; a
 * running one was left by a process that died and is driven on from its step rows (running
 * step containers are re-attached). SKIP LOCKED lets several processes claim side by side.
 */
export async function claimPipelineRun(db: Db, busy: ReadonlySet<string>) {
  return db.transaction(async (tx) => {
    const candidates = await tx
      .select({ id: pipelineRun.id })
      .from(pipelineRun)
      .where(and(inArray(pipelineRun.status, [...livePipelineRunStatuses]), free))
      .orderBy(asc(pipelineRun.createdAt))
      .limit(20)
      .for('update', { skipLocked: true });
    const pick = candidates.find((c) => !busy.has(c.id));
    if (!pick) return undefined;
    const [row] = await tx
      .update(pipelineRun)
      .set({ leaseUntil: new Date(Date.now() + leaseMs), attempts: sql`${pipelineRun.attempts} + 1`, updatedAt: new Date() })
      .where(eq(pipelineRun.id, pick.id))
      .returning();
    return row;
  });
}

/** At start with the embedded database (one process): every live run is ours, whatever its lease says. */
export async function releasePipelineRunLeases(db: Db, all: boolean) {
  if (!all) return 0;
  const rows = await db
    .update(pipelineRun)
    .set({ leaseUntil: null })
    .where(and(inArray(pipelineRun.status, [...livePipelineRunStatuses]), sql`${pipelineRun.leaseUntil} is not null`))
    .returning({ id: pipelineRun.id });
  return rows.length;
}
