import type { Actor } from '../context';
import { audit, actorLabel, type ServiceContext } from '../context';
import { taskExecution } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { EXECUTION_KIND } from '@/lib/jobs/executions/scheduler';
import { activeDeployment, reserveNumbers } from '@/lib/jobs/executions/create';
import { wake } from '@/lib/jobs/signal';
import { parse } from '../validation';
import { firstActiveEnvironment, loadTask, taskEnvironment } from './load-task';
import { runTaskInput } from './schemas';
import type { ExecutionTrigger, RunTaskResult } from './types';

function triggerOf(actor: Actor): ExecutionTrigger {
  if (actor.type === 'ci-token') return 'ci';
  if (actor.type === 'api-key' || (actor.type === 'user' && actor.via === 'api')) return 'api';
  return 'user';
}

/**
 * Run Now / Run with Arguments: queues an execution of the release active in the
 * environment (default: the first environment where one is active), with that
 * environment's config and secrets (on a Kubernetes plane: a Job of its own, see
 * lib/dataplane/kubernetes/jobs.ts). Manual runs bypass the concurrency policy, as
 * `kubectl create job --from` does.
 */
export async function runTask(ctx: ServiceContext, input: unknown): Promise<RunTaskResult> {
  const { org, component, label } = await loadTask(ctx, input, 'deployments:manage');
  const data = parse(runTaskInput, input);
  const env = data.environment ? await taskEnvironment(ctx.db, org.id, data.environment) : await firstActiveEnvironment(ctx.db, component.id);
  if (!env) throw ServiceError.conflict(`Deploy ${component.name} before running it.`);
  const row = await ctx.db.transaction(async (tx) => {
    const active = await activeDeployment(tx, component.id, env.id);
    if (!active) throw ServiceError.conflict(`Nothing is deployed to ${env.name} yet: deploy ${component.name} there first.`);
    const number = await reserveNumbers(tx, component.id, 1);
    const [created] = await tx
      .insert(taskExecution)
      .values({
        organizationId: org.id,
        componentId: component.id,
        environmentId: env.id,
        releaseId: active.releaseId,
        deploymentId: active.id,
        number,
        trigger: triggerOf(ctx.actor),
        triggeredByLabel: actorLabel(ctx.actor),
        args: data.args,
        timeoutSeconds: active.taskSettings?.timeoutSeconds ?? component.taskTimeoutSeconds,
      })
      .returning();
    await audit(tx, ctx, org.id, {
      action: 'task.run',
      targetType: 'component',
      targetId: component.id,
      targetLabel: label,
      data: { executionId: created.id, number, environment: env.name, args: data.args.length },
    });
    return created;
  });
  wake(EXECUTION_KIND);
  return { id: row.id, number: row.number, status: row.status };
}
