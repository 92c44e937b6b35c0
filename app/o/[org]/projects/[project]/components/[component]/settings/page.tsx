import type { Metadata } from 'next';
import { loadComponentPage } from '@/components/components/load-component';
import { DeleteComponent } from '@/components/components/delete-component';
import { SettingsForm } from '@/components/components/settings-form';
import { typeLabel } from '@/components/components/type-info';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { listRegistries } from '@/lib/services/registries/list-registries';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Component settings' };

type Params = { org: string; project: string; component: string };

export default async function ComponentSettingsPage({ params }: { params: Promise<Params> }) {
  const { org: slug, project, component: name } = await params;
  const { ctx, role, component } = await loadComponentPage(slug, project, name);
  const [registries, cards] = await Promise.all([listRegistries(ctx, slug), componentEnvironments(ctx, { org: slug, project, component: name })]);
  const registry = registries.find((r) => r.id === component.registryId);
  const canManage = can(role, 'components:manage');
  const fixed = [
    { label: 'Component name', value: component.name, mono: true },
    { label: 'Type', value: typeLabel(component.type) },
    { label: 'Container registry', value: registry ? `${registry.displayName} (${registry.host})` : '—' },
    { label: 'Repository', value: component.repository, mono: true },
  ];

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
      <div className="space-y-6">
      <section aria-labelledby="settings-heading" className="rounded-xl border border-zinc-200 bg-white p-6">
        <h2 id="settings-heading" className="mb-4 text-sm font-semibold text-zinc-900">
          General
        </h2>
        <SettingsForm
          target={{ org: slug, project, component: name }}
          component={{ displayName: component.displayName, description: component.description, type: component.type, ports: component.ports, healthPath: component.healthPath, schedule: component.schedule }}
          canManage={canManage}
        />
      </section>
      {canManage && <DeleteComponent target={{ org: slug, project, component: name }} displayName={component.displayName} environments={cards.filter((c) => c.active || c.latest).map((c) => c.displayName)} />}
      </div>
      <aside aria-labelledby="fixed-heading" className="h-fit rounded-xl border border-zinc-200 bg-white p-5">
        <h2 id="fixed-heading" className="text-sm font-semibold text-zinc-900">
          Fixed at creation
        </h2>
        <p className="mb-3 text-xs text-zinc-500">To change these, create a new component. The repository changes when a deployment of an image URL from another repository becomes active (a failed one changes nothing).</p>
        <dl className="space-y-3 text-sm">
          {fixed.map((d) => (
            <div key={d.label}>
              <dt className="text-xs text-zinc-500">{d.label}</dt>
              <dd className={`break-all text-zinc-800 ${d.mono ? 'font-mono text-xs' : ''}`}>{d.value}</dd>
            </div>
          ))}
        </dl>
      </aside>
    </div>
  );
}
