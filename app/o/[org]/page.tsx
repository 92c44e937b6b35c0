import type { Metadata } from 'next';
import { LiveRefresh } from '@/components/live/org-changes';
import { CreateProjectButton } from '@/components/projects/create-project-dialog';
import { ProjectCard } from '@/components/projects/project-card';
import { SearchBox } from '@/components/ui/search-box';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { EmptyState } from '@/components/ui/empty-state';
import { FolderIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { loadOrg } from '@/lib/console/guard';
import { GettingStarted } from '@/components/platform/getting-started';
import { gettingStarted } from '@/lib/services/orgs/getting-started';
import { listProjects } from '@/lib/services/projects/list-projects';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Projects' };

export default async function OrgOverviewPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ q?: string | string[] }> }) {
  const { org: slug } = await params;
  const raw = (await searchParams).q;
  const q = typeof raw === 'string' ? raw.trim().slice(0, 100) : '';
  const { ctx, org, role } = await loadOrg(slug);
  const [projects, start] = await Promise.all([listProjects(ctx, { org: slug, search: q || undefined, limit: 200 }), gettingStarted(ctx, { org: slug })]);
  const canCreate = can(role, 'projects:manage');

  return (
    <>
      <LiveRefresh />
      <Breadcrumbs items={[{ label: org.name }, { label: 'Projects' }]} />
      <PageHeader title="Projects" description={`Everything ${org.name} deploys, grouped by application.`} actions={canCreate && (projects.total > 0 || q) && <CreateProjectButton orgSlug={slug} />} />
      {!start.complete && <GettingStarted orgSlug={slug} steps={start.steps} canRegister={can(role, 'registries:manage')} />}
      {(projects.total > 0 || q) && (
        <div className="mb-5 flex flex-wrap items-center justify-between gap-3">
          <SearchBox initial={q} id="project-search" label="Search projects" />
          <p className="text-xs text-zinc-500" aria-live="polite">
            {projects.total === 1 ? '1 project' : `${projects.total} projects`}
            {q && ` matching “${q}”`}
            {projects.total > projects.items.length && ` · showing the newest ${projects.items.length}`}
          </p>
        </div>
      )}
      {projects.items.length > 0 ? (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
          {projects.items.map((p) => (
            <li key={p.id} className="flex">
              <ProjectCard href={`/o/${slug}/projects/${p.name}`} project={p} />
            </li>
          ))}
        </ul>
      ) : q ? (
        <EmptyState icon={<FolderIcon className="size-5" />} title={`No projects match “${q}”`}>
          Try another name, or clear the search.
        </EmptyState>
      ) : (
        <EmptyState
          icon={<FolderIcon className="size-5" />}
          title="No projects yet"
          action={canCreate ? <CreateProjectButton orgSlug={slug} /> : undefined}
        >
          {canCreate
            ? 'A project groups the components of one application. Create one to start deploying your container images.'
            : 'A project groups the components of one application. Ask a developer or an admin to create one.'}
        </EmptyState>
      )}
    </>
  );
}
