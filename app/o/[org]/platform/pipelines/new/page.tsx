import type { Metadata } from 'next';
import { AccessDenied } from '@/components/console/access-denied';
import { CreatePipeline } from '@/components/pipelines/create-pipeline';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { loadOrg } from '@/lib/console/guard';
import { pipelineJsonSchema } from '@/lib/pipelines/spec';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Create a pipeline' };

export default async function NewPipelinePage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ source?: string }> }) {
  const { org: slug } = await params;
  const { source } = await searchParams;
  const { org, role } = await loadOrg(slug);
  if (!can(role, 'pipelines:manage')) return <AccessDenied area="Automation pipelines" role={role} permission="pipelines:manage" orgSlug={slug} />;
  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${org.slug}` }, { label: 'Platform' }, { label: 'Automation pipelines', href: `/o/${org.slug}/platform/pipelines` }, { label: 'Create' }]} />
      <PageHeader title="Create a pipeline" description="Write the pipeline in the YAML editor, or read it from a file in a Git repository." />
      <CreatePipeline org={org.slug} source={source === 'git' ? 'git' : 'yaml'} schema={pipelineJsonSchema()} />
    </>
  );
}
