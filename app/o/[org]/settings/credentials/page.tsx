import type { Metadata } from 'next';
import { AccessDenied } from '@/components/console/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { KeyIcon } from '@/components/ui/icons';
import { loadOrg } from '@/lib/console/guard';
import { settingsTab } from '@/lib/console/settings-tabs';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Credentials' };

export default async function CredentialsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { role } = await loadOrg(slug);
  const { permission } = settingsTab('credentials');
  if (!can(role, permission)) return <AccessDenied area="Credentials" role={role} permission={permission} orgSlug={slug} />;

  return (
    <section aria-labelledby="registries-heading" className="space-y-3">
      <div className="border-b border-zinc-200">
        <h2 id="registries-heading" className="-mb-px inline-block border-b-2 border-zinc-800 px-1 pb-2 text-sm font-medium text-zinc-900">
          Container Registries
        </h2>
      </div>
      <EmptyState icon={<KeyIcon className="size-5" />} title="Container registries are coming">
        Register the registries your images live in (public, username and password, Docker config or vendor-managed access). Data planes use these credentials to pull
        images; Gantry never stores image layers.
      </EmptyState>
    </section>
  );
}
