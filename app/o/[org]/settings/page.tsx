import { redirect } from 'next/navigation';
import { loadOrg } from '@/lib/console/guard';
import { visibleSettingsTabs } from '@/lib/console/settings-tabs';

export const dynamic = 'force-dynamic';

/** Settings opens on the first tab the caller's role may see. */
export default async function SettingsIndex({ params }: { params: Promise<{ org: string }> }) {
  const { org, role } = await loadOrg((await params).org);
  redirect(`/o/${org.slug}/settings/${visibleSettingsTabs(role)[0]?.slug ?? 'environments'}`);
}
