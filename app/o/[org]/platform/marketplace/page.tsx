import type { Metadata } from 'next';
import { AccessDenied } from '@/components/console/access-denied';
import { PlatformPlaceholder } from '@/components/console/platform-placeholder';
import { MarketplaceIcon } from '@/components/ui/icons';
import { loadOrg } from '@/lib/console/guard';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Marketplace' };

export default async function MarketplacePage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await loadOrg(slug);
  if (!can(role, 'pipelines:manage')) return <AccessDenied area="the Marketplace" role={role} permission="pipelines:manage" orgSlug={slug} />;
  return (
    <PlatformPlaceholder org={org} title="Marketplace" description="Internal resources your teams can connect to." coming="The marketplace is coming" icon={<MarketplaceIcon className="size-5" />}>
      Databases, queues and other resources provisioned by automation pipelines will be published here, so developers can find them and create connections from their
      components.
    </PlatformPlaceholder>
  );
}
