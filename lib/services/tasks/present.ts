import { and, desc, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { environment, release, taskExecution } from '@/db/schema';
import type { Execution } from './types';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const columns = { e: taskExecution, envName: environment.name, image: release.image, digest: release.digest };

function present(r: { e: typeof taskExecution.$inferSelect; envName: string; image: string | null; digest: string | null }): Execution {
  return {
    id: r.e.id,
    number: r.e.number,
    environment: r.envName,
    status: r.e.status,
    exitCode: r.e.exitCode,
    reason: r.e.reason,
    trigger: r.e.trigger,
    scheduledFor: iso(r.e.scheduledFor),
    startedAt: iso(r.e.startedAt),
    finishedAt: iso(r.e.finishedAt),
    args: r.e.args,
    release: { id: r.e.releaseId ?? '', image: r.image ?? '', digest: r.digest ?? '' },
  };
}

/** Executions of a component, newest first, as the API and console show them. */
export async function selectExecutions(db: Tx, where: SQL | undefined, limit: number) {
  const rows = await db
    .select(columns)
    .from(taskExecution)
    .innerJoin(environment, eq(environment.id, taskExecution.environmentId))
    .leftJoin(release, eq(release.id, taskExecution.releaseId))
    .where(where)
    .orderBy(desc(taskExecution.number))
    .limit(limit);
  return rows.map(present);
}

export async function executionById(db: Tx, componentId: string, id: string) {
  const [row] = await selectExecutions(db, and(eq(taskExecution.componentId, componentId), eq(taskExecution.id, id)), 1);
  return row;
}

export async function countSince(db: Tx, componentId: string, environmentId: string | undefined, since: Date) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(taskExecution)
    .where(and(eq(taskExecution.componentId, componentId), environmentId ? eq(taskExecution.environmentId, environmentId) : undefined, gte(taskExecution.createdAt, since)));
  return Number(row?.n ?? 0);
}
