import { componentApi } from '@/components/deploy/api';
import type { ComponentRef } from '@/components/deploy/component-ref';
import type { ServiceContext } from '@/lib/services/context';
import { listRegistries } from '@/lib/services/registries/list-registries';
import { getSchedule } from '@/lib/services/tasks/get-schedule';
import { listExecutions } from '@/lib/services/tasks/list-executions';
import type { Execution, Schedule, TaskPath } from '@/lib/services/tasks/types';

/** The ComponentRef the deploy and task controls act on. */
export async function componentRef(ctx: ServiceContext, org: string, project: string, component: { name: string; registryId: string; repository: string }): Promise<ComponentRef> {
  const registries = await listRegistries(ctx, { org });
  const registry = registries.find((r) => r.id === component.registryId);
  return { org, project, component: component.name, api: componentApi(org, project, component.name), repository: component.repository, registryHost: registry?.host ?? component.repository.split('/')[0] };
}

/** What a task's environment cards show beyond the deployment: the schedule, or the newest execution. */
export async function loadTaskCards(ctx: ServiceContext, path: TaskPath, cards: { name: string; active: unknown }[], scheduled: boolean) {
  const deployed = cards.filter((c) => c.active);
  const schedules: Record<string, Schedule | null> = {};
  const lastExecutions: Record<string, Execution | null> = {};
  await Promise.all(
    deployed.map(async (c) => {
      if (scheduled) schedules[c.name] = await getSchedule(ctx, { ...path, environment: c.name });
      else lastExecutions[c.name] = (await listExecutions(ctx, { ...path, environment: c.name, limit: 1 })).items[0] ?? null;
    }),
  );
  return { schedules, lastExecutions };
}
