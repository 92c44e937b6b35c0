import type { Metadata } from 'next';
import { AccessDenied } from '@/components/console/access-denied';
import { PipelineBoard } from '@/components/pipelines/pipeline-board';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { loadOrg } from '@/lib/console/guard';
import { pipelineJsonSchema } from '@/lib/pipelines/spec';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Pipeline' };

export default async function PipelinePage({ params }: { params: Promise<{ org: string; pipeline: string }> }) {
  const { org: slug, pipeline } = await params;
  const { org, role } = await loadOrg(slug);
  if (!can(role, 'pipelines:manage')) return <AccessDenied area="Automation pipelines" role={role} permission="pipelines:manage" orgSlug={slug} />;
  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${org.slug}` }, { label: 'Platform' }, { label: 'Automation pipelines', href: `/o/${org.slug}/platform/pipelines` }, { label: pipeline }]} />
      <PageHeader title={pipeline} />
      <PipelineBoard org={org.slug} name={pipeline} schema={pipelineJsonSchema()} canEdit />
    </>
  );
}
