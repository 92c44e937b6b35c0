import type { Metadata } from 'next';
import { AccessDenied } from '@/components/console/access-denied';
import { CreateComponentForm } from '@/components/components/create-component-form';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { loadProject } from '@/lib/console/guard';
import { normalizeDomain } from '@/lib/oci/reference';
import { listRegistries } from '@/lib/services/registries/list-registries';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Create a component' };

export default async function NewComponentPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org: slug, project: name } = await params;
  const { ctx, org, role, project } = await loadProject(slug, name);
  if (!can(role, 'components:manage')) return <AccessDenied area="component creation" role={role} permission="components:manage" orgSlug={slug} />;
  const registries = await listRegistries(ctx, slug);

  return (
    <div className="max-w-3xl">
      <Breadcrumbs items={[{ label: org.name, href: `/o/${slug}` }, { label: project.displayName, href: `/o/${slug}/projects/${name}` }, { label: 'Create a component' }]} />
      <PageHeader title="Create a component" description="Run a prebuilt container image from one of your registries. Gantry builds nothing: your CI pushes, Gantry deploys." />
      <div className="rounded-xl border border-zinc-200 bg-white p-6">
        <CreateComponentForm
          orgSlug={slug}
          projectName={name}
          registries={registries.map((r) => ({ id: r.id, displayName: r.displayName, host: r.host, dockerHub: normalizeDomain(r.host) === 'docker.io' }))}
          canManageRegistries={can(role, 'registries:manage')}
          canDeploy={can(role, 'deployments:manage')}
        />
      </div>
    </div>
  );
}
