import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { taskExecution, taskSchedule, type TaskScheduleRow } from '@/db/schema';
import { describeCron, nextRuns } from '@/lib/schedule';
import { selectExecutions } from './present';
import type { Schedule } from './types';

export async function scheduleRow(db: Tx, componentId: string, environmentId: string) {
  const [row] = await db.select().from(taskSchedule).where(and(eq(taskSchedule.componentId, componentId), eq(taskSchedule.environmentId, environmentId)));
  return row;
}

/** The schedule as the console and the API show it: its reading in words, the next 5 runs, the last run. */
export async function scheduleView(db: Tx, row: TaskScheduleRow, now = new Date()): Promise<Schedule> {
  const [last] = await selectExecutions(db, and(eq(taskExecution.componentId, row.componentId), eq(taskExecution.environmentId, row.environmentId)), 1);
  return {
    cron: row.cron,
    timeZone: row.timeZone,
    concurrencyPolicy: row.concurrencyPolicy,
    startingDeadlineSeconds: row.startingDeadlineSeconds,
    paused: row.paused,
    description: describeCron(row.cron),
    nextRuns: row.paused ? [] : nextRuns(row.cron, row.timeZone, now, 5).map((d) => d.toISOString()),
    lastRun: last ?? null,
  };
}
