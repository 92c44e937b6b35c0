import type { Metadata } from 'next';
import { ConnectionsSection } from '@/components/marketplace/connections-section';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { loadProject } from '@/lib/console/guard';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Project connections' };

export default async function ProjectConnectionsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  const loaded = await loadProject(org, project);
  return (
    <>
      <Breadcrumbs items={[{ label: loaded.org.name, href: `/o/${org}` }, { label: loaded.project.displayName, href: `/o/${org}/projects/${project}` }, { label: 'Connections' }]} />
      <ConnectionsSection ctx={loaded.ctx} scope={{ org, project }} canManage={can(loaded.role, 'projects:manage')} />
    </>
  );
}
