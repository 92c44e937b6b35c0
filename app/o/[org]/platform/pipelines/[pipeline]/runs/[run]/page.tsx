import type { Metadata } from 'next';
import { AccessDenied } from '@/components/console/access-denied';
import { RunBoard } from '@/components/pipelines/run-board';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { loadOrg } from '@/lib/console/guard';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Pipeline run' };

export default async function PipelineRunPage({ params }: { params: Promise<{ org: string; pipeline: string; run: string }> }) {
  const { org: slug, pipeline, run } = await params;
  const { org, role } = await loadOrg(slug);
  if (!can(role, 'pipelines:manage')) return <AccessDenied area="Automation pipelines" role={role} permission="pipelines:manage" orgSlug={slug} />;
  const base = `/o/${org.slug}/platform/pipelines`;
  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${org.slug}` }, { label: 'Platform' }, { label: 'Automation pipelines', href: base }, { label: pipeline, href: `${base}/${pipeline}` }, { label: `Run #${run}` }]} />
      <PageHeader title={`Run #${run}`} />
      <RunBoard org={org.slug} pipeline={pipeline} run={run} />
    </>
  );
}
