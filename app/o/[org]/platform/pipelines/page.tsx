import type { Metadata } from 'next';
import { AccessDenied } from '@/components/console/access-denied';
import { CreatePipelineMenu, PipelinesList } from '@/components/pipelines/pipelines-list';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { loadOrg } from '@/lib/console/guard';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Automation pipelines' };

export default async function PipelinesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await loadOrg(slug);
  if (!can(role, 'pipelines:manage')) return <AccessDenied area="Automation pipelines" role={role} permission="pipelines:manage" orgSlug={slug} />;
  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${org.slug}` }, { label: 'Platform' }, { label: 'Automation pipelines' }]} />
      <PageHeader title="Automation pipelines" description="Infrastructure automation for platform engineers: steps in containers, with variables, secrets and run-time parameters." actions={<CreatePipelineMenu org={org.slug} />} />
      <PipelinesList org={org.slug} />
    </>
  );
}
