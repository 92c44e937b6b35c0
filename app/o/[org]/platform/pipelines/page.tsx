import type { Metadata } from 'next';
import { AccessDenied } from '@/components/console/access-denied';
import { PlatformPlaceholder } from '@/components/console/platform-placeholder';
import { PipelineIcon } from '@/components/ui/icons';
import { loadOrg } from '@/lib/console/guard';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Automation pipelines' };

export default async function PipelinesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await loadOrg(slug);
  if (!can(role, 'pipelines:manage')) return <AccessDenied area="Automation pipelines" role={role} permission="pipelines:manage" orgSlug={slug} />;
  return (
    <PlatformPlaceholder org={org} title="Automation pipelines" description="Infrastructure automation for platform engineers." coming="Automation pipelines are coming" icon={<PipelineIcon className="size-5" />}>
      Define infrastructure-as-code pipelines inline or from Git, with variables, secrets and run-time parameters; run them and follow each step&apos;s logs; publish what
      they create to the marketplace.
    </PlatformPlaceholder>
  );
}
