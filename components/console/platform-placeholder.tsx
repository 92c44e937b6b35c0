import type { ReactNode } from 'react';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

interface PlatformPlaceholderProps {
  org: { slug: string; name: string };
  title: string;
  description: string;
  /** The empty state's headline, e.g. "Automation pipelines are coming". */
  coming: string;
  icon: ReactNode;
  children: ReactNode;
}

/** A Platform area that is not built yet: what it will do, so nobody wonders. */
export function PlatformPlaceholder({ org, title, description, coming, icon, children }: PlatformPlaceholderProps) {
  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${org.slug}` }, { label: 'Platform' }, { label: title }]} />
      <PageHeader title={title} description={description} />
      <EmptyState icon={icon} title={coming} action={<Badge tone="accent">Upcoming</Badge>}>
        {children}
      </EmptyState>
    </>
  );
}
