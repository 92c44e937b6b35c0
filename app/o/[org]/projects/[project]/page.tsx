import type { Metadata } from 'next';
import { LiveRefresh } from '@/components/live/org-changes';
import { ProjectActions } from '@/components/projects/project-actions';
import { ComponentListing } from '@/components/components/component-listing';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ButtonLink } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { loadProject } from '@/lib/console/guard';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ org: string; project: string }>; searchParams: Promise<{ q?: string | string[] }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).project };
}

export default async function ProjectOverviewPage({ params, searchParams }: Params) {
  const { org: slug, project: name } = await params;
  const raw = (await searchParams).q;
  const q = typeof raw === 'string' ? raw.trim().slice(0, 100) : '';
  const { ctx, org, role, project } = await loadProject(slug, name);
  const canManage = can(role, 'projects:manage');

  return (
    <>
      <LiveRefresh />
      <Breadcrumbs items={[{ label: org.name, href: `/o/${slug}` }, { label: project.displayName }]} />
      <PageHeader
        title={project.displayName}
        description={
          <>
            <span className="font-mono text-xs text-zinc-500">{project.name}</span>
            {project.description && <span className="mt-1 block">{project.description}</span>}
          </>
        }
        actions={
          <>
            <ButtonLink variant="secondary" href={`/o/${slug}/projects/${project.name}/connections`}>
              Connections
            </ButtonLink>
            {canManage && <ProjectActions orgSlug={slug} project={{ name: project.name, displayName: project.displayName, description: project.description }} />}
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-[1fr_16rem]">
        <ComponentListing ctx={ctx} orgSlug={slug} projectName={name} q={q} canCreate={can(role, 'components:manage')} />
        <aside className="h-fit rounded-xl border border-zinc-200 bg-white p-5">
          <h2 className="mb-3 text-sm font-semibold text-zinc-900">Details</h2>
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-xs text-zinc-500">Name</dt>
              <dd className="font-mono text-zinc-800">{project.name}</dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500">Created</dt>
              <dd className="text-zinc-800">
                <Time value={project.createdAt} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500">Last updated</dt>
              <dd className="text-zinc-800">
                <Time value={project.updatedAt} />
              </dd>
            </div>
          </dl>
        </aside>
      </div>
    </>
  );
}
