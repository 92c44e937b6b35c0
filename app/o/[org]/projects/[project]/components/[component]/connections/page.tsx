import type { Metadata } from 'next';
import { loadComponentPage } from '@/components/components/load-component';
import { ConnectionsSection } from '@/components/marketplace/connections-section';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Connections' };

export default async function ComponentConnectionsPage({ params }: { params: Promise<{ org: string; project: string; component: string }> }) {
  const { org, project, component } = await params;
  const { ctx, role } = await loadComponentPage(org, project, component);
  return <ConnectionsSection ctx={ctx} scope={{ org, project, component }} canManage={can(role, 'components:manage')} />;
}
