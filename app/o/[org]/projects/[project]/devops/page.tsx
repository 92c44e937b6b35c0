import type { Metadata } from 'next';
import { ComponentPicker } from '@/components/components/component-picker';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { loadProject } from '@/lib/console/guard';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'DevOps' };

export default async function DevOpsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org: slug, project: name } = await params;
  const { ctx, org, project } = await loadProject(slug, name);

  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${slug}` }, { label: project.displayName, href: `/o/${slug}/projects/${name}` }, { label: 'DevOps' }]} />
      <PageHeader title="DevOps" description="Configs and secrets, runtime logs and external CI of each component in this project." />
      <ComponentPicker
        ctx={ctx}
        orgSlug={slug}
        projectName={name}
        sections={[
          { label: 'Configs & Secrets', slug: 'configs' },
          { label: 'Logs', slug: 'logs' },
          { label: 'External CI', slug: 'devops/external-ci' },
        ]}
        emptyHint="Once this project has components, this is where you manage each one's configs and secrets, runtime logs, and the tokens your external CI uses to deploy."
      />
    </>
  );
}
