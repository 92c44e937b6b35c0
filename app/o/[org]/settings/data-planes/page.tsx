import type { Metadata } from 'next';
import { DataPlanes } from '@/components/platform/data-planes';
import { loadOrg } from '@/lib/console/guard';
import { listDataPlanes } from '@/lib/services/environments/list-data-planes';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Data planes' };

const labels: Record<string, string> = { namespaces: 'Namespaces', deployments: 'Deployments', secrets: 'Secrets', networkpolicies: 'NetworkPolicies', cronjobs: 'CronJobs' };

export default async function DataPlanesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { ctx, role } = await loadOrg(slug);
  const planes = await listDataPlanes(ctx, { org: slug });

  return (
    <section aria-labelledby="planes-heading" className="space-y-3">
      <div>
        <h2 id="planes-heading" className="text-sm font-semibold text-zinc-900">
          Data planes
        </h2>
        <p className="text-zinc-600">
          Where workloads run. Gantry never runs images itself: it hands each data plane a digest-pinned image and a pull secret. Health is checked every minute; Test connection
          also asks what a cluster&apos;s credentials may do.
        </p>
      </div>
      <DataPlanes
        orgSlug={slug}
        canManage={can(role, 'data-planes:manage')}
        planes={planes.map((p) => ({
          id: p.id,
          name: p.name,
          driver: p.driver,
          server: p.settings.server ?? null,
          environments: p.environments,
          health: {
            ok: p.health.ok,
            message: p.health.message,
            checkedAt: p.health.checkedAt,
            version: p.health.details?.version,
            denied: (p.health.details?.permissions ?? []).filter((x) => !x.allowed).map((x) => labels[x.resource] ?? x.resource),
          },
        }))}
      />
    </section>
  );
}
