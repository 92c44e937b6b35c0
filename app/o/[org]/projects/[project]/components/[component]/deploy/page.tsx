import type { Metadata } from 'next';
import { loadComponentPage } from '@/components/components/load-component';
import { componentApi } from '@/components/deploy/api';
import { DeployBoard } from '@/components/deploy/deploy-board';
import { plain } from '@/components/deploy/types';
import { loadTaskCards } from '@/components/tasks/load-task';
import { TaskDeployBoard } from '@/components/tasks/task-deploy-board';
import { isScheduled, isTask } from '@/lib/component-types';
import { listReleases } from '@/lib/services/components/list-releases';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { listDeployments } from '@/lib/services/deployments/list-deployments';
import { listRegistries } from '@/lib/services/registries/list-registries';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Deploy' };

type Params = { org: string; project: string; component: string };

export default async function ComponentDeployPage({ params }: { params: Promise<Params> }) {
  const { org: slug, project, component: name } = await params;
  const { ctx, role, component } = await loadComponentPage(slug, project, name);
  const [cards, history, releases, registries] = await Promise.all([
    componentEnvironments(ctx, { org: slug, project, component: name }),
    listDeployments(ctx, { org: slug, project, component: name }),
    listReleases(ctx, { org: slug, project, component: name }),
    listRegistries(ctx, { org: slug }),
  ]);
  const registry = registries.find((r) => r.id === component.registryId);
  const target = { org: slug, project, component: name, api: componentApi(slug, project, name), repository: component.repository, registryHost: registry?.host ?? component.repository.split('/')[0] };
  const board = { target, cards: plain(cards), history: plain(history), newestRelease: plain(releases[0]), canDeploy: can(role, 'deployments:manage'), canApprove: can(role, 'promotions:approve') };

  if (isTask(component.type)) {
    const scheduled = isScheduled(component.type);
    const task = await loadTaskCards(ctx, { org: slug, project, component: name }, cards, scheduled);
    return <TaskDeployBoard {...board} scheduled={scheduled} {...task} defaultCron={component.schedule ?? null} />;
  }
  return <DeployBoard {...board} />;
}
