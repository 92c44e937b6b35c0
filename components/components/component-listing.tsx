import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ComponentIcon, PlusIcon } from '@/components/ui/icons';
import type { ServiceContext } from '@/lib/services/context';
import { listComponents } from '@/lib/services/components/list-components';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { ComponentCard } from './component-card';
import { SearchBox } from '@/components/ui/search-box';

interface ComponentListingProps {
  ctx: ServiceContext;
  orgSlug: string;
  projectName: string;
  q: string;
  canCreate: boolean;
}

/** Component Listing on the project overview: search, a card per component with its status in the first environment, + Create. */
export async function ComponentListing({ ctx, orgSlug, projectName, q, canCreate }: ComponentListingProps) {
  const list = await listComponents(ctx, { org: orgSlug, project: projectName, search: q || undefined, limit: 100 });
  const firstEnvs = await Promise.all(list.items.map(async (c) => (await componentEnvironments(ctx, { org: orgSlug, project: projectName, component: c.name }))[0]));
  const base = `/o/${orgSlug}/projects/${projectName}/components`;
  const create = canCreate && (
    <ButtonLink href={`${base}/new`} size="sm">
      <PlusIcon className="size-4" />
      Create
    </ButtonLink>
  );

  return (
    <section aria-labelledby="components-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="components-heading" className="text-sm font-semibold text-zinc-900">
          Component Listing
        </h2>
        <div className="flex flex-1 items-center justify-end gap-2">
          {(list.total > 0 || q) && <SearchBox initial={q} id="component-search" label="Search components" />}
          {create}
        </div>
      </div>
      {list.items.length > 0 ? (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {list.items.map((c, i) => {
            const env = firstEnvs[i];
            const shown = env?.latest && env.latest.status !== 'superseded' ? env.latest : (env?.active ?? null);
            return (
              <li key={c.id} className="flex">
                <ComponentCard href={`${base}/${c.name}`} component={c} environment={env && { displayName: env.displayName, deployment: shown }} />
              </li>
            );
          })}
        </ul>
      ) : q ? (
        <EmptyState icon={<ComponentIcon className="size-5" />} title={`No components match “${q}”`}>
          Try another name, or clear the search.
        </EmptyState>
      ) : (
        <EmptyState icon={<ComponentIcon className="size-5" />} title="No components yet" action={create}>
          A component runs one of your prebuilt container images as a service, a web application, a scheduled task or a manual task.
          {!canCreate && ' Ask a developer or an admin to create one.'}
        </EmptyState>
      )}
    </section>
  );
}
