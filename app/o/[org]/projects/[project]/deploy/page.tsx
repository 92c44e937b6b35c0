import type { Metadata } from 'next';
import { ComponentPicker } from '@/components/components/component-picker';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ChevronRightIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { loadProject } from '@/lib/console/guard';
import { listEnvironments } from '@/lib/services/environments/list-environments';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Deploy' };

export default async function DeployPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org: slug, project: name } = await params;
  const { ctx, org, project } = await loadProject(slug, name);
  const environments = await listEnvironments(ctx, { org: slug });

  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${slug}` }, { label: project.displayName, href: `/o/${slug}/projects/${name}` }, { label: 'Deploy' }]} />
      <PageHeader title="Deploy" description="Update a component's image, then promote the same release along your environments." />
      <section aria-labelledby="path-heading" className="mb-6 rounded-xl border border-zinc-200 bg-white p-5">
        <h2 id="path-heading" className="mb-3 text-sm font-semibold text-zinc-900">
          Promotion path
        </h2>
        <ol className="flex flex-wrap items-center gap-2">
          {environments.map((env, i) => (
            <li key={env.id} className="flex items-center gap-2">
              {i > 0 && <ChevronRightIcon className="size-4 text-zinc-500" />}
              <span className="rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2">
                <span className="block text-sm font-medium text-zinc-900">{env.displayName}</span>
                <span className="block text-xs text-zinc-500">on {env.dataPlane}</span>
              </span>
            </li>
          ))}
        </ol>
      </section>
      <h2 className="mb-3 text-sm font-semibold text-zinc-900">Choose a component</h2>
      <ComponentPicker
        ctx={ctx}
        orgSlug={slug}
        projectName={name}
        sections={[{ label: 'Deploy', slug: 'deploy' }]}
        emptyHint={`Create a component from a container image first; then choose an image by tag, by full URL or from previous images, deploy it to ${environments[0]?.displayName ?? 'the first environment'} and promote it onwards.`}
      />
    </>
  );
}
