import type { ReactNode } from 'react';
import { SettingsFrame } from '@/components/console/settings-frame';
import { loadOrg } from '@/lib/console/guard';
import { visibleSettingsTabs } from '@/lib/console/settings-tabs';

export const dynamic = 'force-dynamic';

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org, role } = await loadOrg((await params).org);
  const tabs = visibleSettingsTabs(role).map(({ slug, label }) => ({ slug, label }));
  return (
    <SettingsFrame org={{ slug: org.slug, name: org.name }} tabs={tabs}>
      {children}
    </SettingsFrame>
  );
}
