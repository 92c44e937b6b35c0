import type { ReactNode } from 'react';
import { OrgSwitcher } from '@/components/console/org-switcher';
import { ProjectSwitcher } from '@/components/console/project-switcher';
import { SideNav } from '@/components/console/side-nav';
import { TopBar } from '@/components/console/top-bar';
import { OrgChangeFeed } from '@/components/live/org-changes';
import { ChevronRightIcon } from '@/components/ui/icons';
import { loadOrg } from '@/lib/console/guard';
import { listOrgs } from '@/lib/services/orgs/list-orgs';
import { canCreateOrg } from '@/lib/services/orgs/org-creation';
import { listProjects } from '@/lib/services/projects/list-projects';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { ctx, org, role } = await loadOrg(slug);
  const [orgs, projects, canCreateOrgs] = await Promise.all([listOrgs(ctx), listProjects(ctx, { org: slug, limit: 200 }), canCreateOrg(ctx)]);

  return (
    <div className="flex min-h-screen flex-col">
      <OrgChangeFeed org={org.slug} />
      <a href="#main" className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-zinc-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        Skip to content
      </a>
      <TopBar user={ctx.user}>
        <OrgSwitcher current={org} orgs={orgs} canCreate={canCreateOrgs} />
        <ChevronRightIcon className="size-4 shrink-0 text-zinc-300" />
        <ProjectSwitcher
          orgSlug={org.slug}
          projects={projects.items.map((p) => ({ name: p.name, displayName: p.displayName }))}
          canCreate={can(role, 'projects:manage')}
        />
      </TopBar>
      <div className="flex flex-1">
        <SideNav orgSlug={org.slug} showPlatform={can(role, 'pipelines:manage')} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-5 py-6 outline-none lg:px-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
