import type { Metadata } from 'next';
import { RegistriesTable } from '@/components/registries/registries-table';
import { AddRegistryButton } from '@/components/registries/registry-dialogs';
import { EmptyState } from '@/components/ui/empty-state';
import { ServerIcon } from '@/components/ui/icons';
import { loadOrg } from '@/lib/console/guard';
import { listRegistries } from '@/lib/services/registries/list-registries';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Credentials' };

/**
 * Settings › Credentials › Container Registries. Everyone in the organization sees which
 * registries exist (to pick one for a component); admins and platform engineers manage them.
 */
export default async function CredentialsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { ctx, role } = await loadOrg(slug);
  const registries = await listRegistries(ctx, { org: slug });
  const manage = can(role, 'registries:manage');

  return (
    <section aria-labelledby="registries-heading" className="space-y-4">
      <div className="border-b border-zinc-200">
        <h2 id="registries-heading" className="-mb-px inline-block border-b-2 border-zinc-800 px-1 pb-2 text-sm font-medium text-zinc-900">
          Container Registries
        </h2>
      </div>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-2xl text-zinc-600">
          Registries your components’ images come from. Data planes pull with these credentials; Gantry never stores image layers and never shows a stored password
          again.
          {!manage && ' Admins and platform engineers add and change them.'}
        </p>
        {manage && registries.length > 0 && <AddRegistryButton orgSlug={slug} />}
      </div>
      {registries.length ? (
        <RegistriesTable orgSlug={slug} registries={registries} canManage={manage} serverNow={Date.now()} />
      ) : (
        <EmptyState icon={<ServerIcon className="size-5" />} title="No container registries yet" action={manage ? <AddRegistryButton orgSlug={slug} /> : undefined}>
          Register the registries your images live in: public, username and password, a Docker config, or vendor-managed access on EKS, GKE or AKS.
          {!manage && ' Ask an admin or a platform engineer to add one.'}
        </EmptyState>
      )}
    </section>
  );
}
