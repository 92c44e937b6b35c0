import type { ReactNode } from 'react';
import { ComponentNav } from '@/components/components/component-nav';
import { loadComponentPage } from '@/components/components/load-component';
import { TypeIcon, typeLabel } from '@/components/components/type-info';
import { isTask } from '@/lib/component-types';
import { Badge } from '@/components/ui/badge';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';

export const dynamic = 'force-dynamic';

type Params = { org: string; project: string; component: string };

export default async function ComponentLayout({ children, params }: { children: ReactNode; params: Promise<Params> }) {
  const { org: slug, project: projectName, component: name } = await params;
  const { org, project, component } = await loadComponentPage(slug, projectName, name);
  const base = `/o/${slug}/projects/${projectName}/components/${name}`;

  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${slug}` }, { label: project.displayName, href: `/o/${slug}/projects/${projectName}` }, { label: component.displayName }]} />
      <div className="mb-4 flex items-start gap-3">
        <TypeIcon type={component.type} />
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold text-zinc-900">
            {component.displayName}
            <Badge>{typeLabel(component.type)}</Badge>
          </h1>
          <p className="mt-0.5 truncate font-mono text-xs text-zinc-500">
            {component.name} · {component.repository}
          </p>
        </div>
      </div>
      <ComponentNav base={base} task={isTask(component.type)} />
      {children}
    </>
  );
}
