import type { Metadata } from 'next';
import { EnvironmentsEditor } from '@/components/platform/environments-editor';
import { loadOrg } from '@/lib/console/guard';
import { listDataPlanes } from '@/lib/services/environments/list-data-planes';
import { listEnvironments } from '@/lib/services/environments/list-environments';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Environments' };

export default async function EnvironmentsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { ctx, role } = await loadOrg(slug);
  const [environments, planes] = await Promise.all([listEnvironments(ctx, { org: slug }), listDataPlanes(ctx, { org: slug })]);

  return (
    <section aria-labelledby="env-heading" className="space-y-3">
      <div>
        <h2 id="env-heading" className="text-sm font-semibold text-zinc-900">
          Environments
        </h2>
        <p className="text-zinc-600">
          The promotion path, in order: a release is deployed to the first environment (CI deploys go there too) and promoted to the next. Reordering moves nothing that runs; a
          new name or data plane needs the environment to be empty.
        </p>
      </div>
      <EnvironmentsEditor
        orgSlug={slug}
        canManage={can(role, 'environments:manage')}
        planes={planes.map((p) => p.name)}
        environments={environments.map(({ id, name, displayName, dataPlane }) => ({ id, name, displayName, dataPlane }))}
      />
    </section>
  );
}
