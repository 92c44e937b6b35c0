import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { loadComponentPage } from '@/components/components/load-component';
import { ExecuteBoard } from '@/components/tasks/execute-board';
import { componentRef } from '@/components/tasks/load-task';
import { isScheduled, isTask } from '@/lib/component-types';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { can } from '@/lib/services/roles';
import { getSchedule } from '@/lib/services/tasks/get-schedule';
import { listExecutions } from '@/lib/services/tasks/list-executions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Execute' };

type Params = { org: string; project: string; component: string };

export default async function ExecutePage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<{ env?: string }> }) {
  const { org, project, component: name } = await params;
  const { env: wanted } = await searchParams;
  const { ctx, role, component } = await loadComponentPage(org, project, name);
  if (!isTask(component.type)) notFound();
  const [cards, target] = await Promise.all([componentEnvironments(ctx, { org, project, component: name }), componentRef(ctx, org, project, component)]);
  const environments = cards.map((c) => ({ name: c.name, displayName: c.displayName, deployed: !!c.active }));
  const environment = environments.find((e) => e.name === wanted)?.name ?? environments.find((e) => e.deployed)?.name ?? environments[0]?.name ?? '';
  const scheduled = isScheduled(component.type);
  const deployedHere = environments.find((e) => e.name === environment)?.deployed ?? false;
  const path = { org, project, component: name };
  const [initial, schedule] = await Promise.all([
    deployedHere ? listExecutions(ctx, { ...path, environment, limit: 50 }) : undefined,
    scheduled && deployedHere ? getSchedule(ctx, { ...path, environment }) : undefined,
  ]);

  return (
    <ExecuteBoard
      target={target}
      environments={environments}
      initialEnvironment={environment}
      initial={initial}
      canRun={can(role, 'deployments:manage')}
      scheduled={scheduled}
      initialSchedule={schedule}
    />
  );
}
