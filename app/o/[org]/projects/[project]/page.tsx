import type { Metadata } from 'next';
import { ProjectActions } from '@/components/projects/project-actions';
import { Badge } from '@/components/ui/badge';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ComponentIcon, PlusIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { loadProject } from '@/lib/console/guard';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ org: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).project };
}

export default async function ProjectOverviewPage({ params }: Params) {
  const { org: slug, project: name } = await params;
  const { org, role, project } = await loadProject(slug, name);
  const canManage = can(role, 'projects:manage');

  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${slug}` }, { label: project.displayName }]} />
      <PageHeader
        title={project.displayName}
        description={
          <>
            <span className="font-mono text-xs text-zinc-500">{project.name}</span>
            {project.description && <span className="mt-1 block">{project.description}</span>}
          </>
        }
        actions={canManage && <ProjectActions orgSlug={slug} project={{ name: project.name, displayName: project.displayName, description: project.description }} />}
      />
      <div className="grid gap-6 xl:grid-cols-[1fr_16rem]">
        <section aria-labelledby="components-heading">
          <div className="mb-3 flex items-center justify-between gap-3">
            <h2 id="components-heading" className="text-sm font-semibold text-zinc-900">
              Component Listing
            </h2>
            <Button size="sm" disabled title="Creating components from container images is coming soon">
              <PlusIcon className="size-4" />
              Create
            </Button>
          </div>
          <EmptyState icon={<ComponentIcon className="size-5" />} title="No components yet">
            Components run your prebuilt container images as a service, a web application, a scheduled task or a manual task. Creating them from an image in a registered
            container registry is coming soon <Badge tone="accent">Upcoming</Badge>
          </EmptyState>
        </section>
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
