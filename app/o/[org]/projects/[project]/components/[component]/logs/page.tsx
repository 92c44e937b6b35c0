import type { Metadata } from 'next';
import { loadComponentPage } from '@/components/components/load-component';
import { LogsViewer } from '@/components/components/logs-viewer';
import { componentApi } from '@/components/deploy/api';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Logs' };

type Params = { org: string; project: string; component: string };

export default async function LogsPage({ params }: { params: Promise<Params> }) {
  const { org: slug, project, component: name } = await params;
  const { ctx } = await loadComponentPage(slug, project, name);
  const cards = await componentEnvironments(ctx, { org: slug, project, component: name });
  return <LogsViewer api={componentApi(slug, project, name)} environments={cards.map((c) => ({ name: c.name, displayName: c.displayName, running: !!c.active }))} />;
}
