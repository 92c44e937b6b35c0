import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { component, deployment, liveExecutionStatuses, taskExecution } from '@/db/schema';
import { activeDeploymentOf } from '@/lib/services/deployments/queries';

/** Reserves `count` consecutive execution numbers of a component (its row lock orders concurrent writers). */
export async function reserveNumbers(tx: Tx, componentId: string, count: number): Promise<number> {
  const [r] = await tx
    .update(component)
    .set({ lastExecutionNumber: sql`${component.lastExecutionNumber} + ${count}` })
    .where(eq(component.id, componentId))
    .returning({ last: component.lastExecutionNumber });
  return r.last - count + 1;
}

/** The active deployment of (component, environment): what a new execution runs. */
export async function activeDeployment(tx: Tx, componentId: string, environmentId: string) {
  const [row] = await tx
    .select({ id: deployment.id, releaseId: deployment.releaseId, taskSettings: deployment.taskSettings })
    .from(deployment)
    .where(activeDeploymentOf(componentId, environmentId))
    .limit(1);
  return row;
}

/** Executions of (component, environment) that are queued or running. */
export async function liveExecutions(tx: Tx, componentId: string, environmentId: string) {
  return tx
    .select({ id: taskExecution.id, number: taskExecution.number, scheduledFor: taskExecution.scheduledFor })
    .from(taskExecution)
    .where(and(eq(taskExecution.componentId, componentId), eq(taskExecution.environmentId, environmentId), inArray(taskExecution.status, [...liveExecutionStatuses])));
}
