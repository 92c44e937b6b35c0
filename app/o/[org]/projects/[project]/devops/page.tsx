import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { EmptyState } from '@/components/ui/empty-state';
import { DevOpsIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { loadProject } from '@/lib/console/guard';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'DevOps' };

export default async function DevOpsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org: slug, project: name } = await params;
  const { org, project } = await loadProject(slug, name);

  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${slug}` }, { label: project.displayName, href: `/o/${slug}/projects/${name}` }, { label: 'DevOps' }]} />
      <PageHeader title="DevOps" description="Run and operate the components of this project." />
      <EmptyState icon={<DevOpsIcon className="size-5" />} title="No components to operate yet">
        Here you will manage each component&apos;s configs and secrets, the CI tokens your external pipeline uses to trigger deployments, scheduled and manual task runs, and
        runtime logs.
      </EmptyState>
    </>
  );
}
