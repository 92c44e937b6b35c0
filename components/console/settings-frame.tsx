'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';

interface SettingsFrameProps {
  org: { slug: string; name: string };
  /** Only the tabs the caller's role may open. */
  tabs: { slug: string; label: string }[];
  children: ReactNode;
}

/** Organization settings: breadcrumbs, title and the tab bar around the current tab. */
export function SettingsFrame({ org, tabs, children }: SettingsFrameProps) {
  const pathname = usePathname();
  const base = `/o/${org.slug}/settings`;
  const current = tabs.find((t) => pathname.startsWith(`${base}/${t.slug}`));

  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${org.slug}` }, { label: 'Settings', href: current ? base : undefined }, ...(current ? [{ label: current.label }] : [])]} />
      <PageHeader title="Organization settings" description={`Members, access, credentials and infrastructure of ${org.name}.`} />
      <nav aria-label="Settings" className="mb-6 overflow-x-auto border-b border-zinc-200">
        <ul className="flex gap-1">
          {tabs.map((t) => {
            const active = t.slug === current?.slug;
            return (
              <li key={t.slug}>
                <Link
                  href={`${base}/${t.slug}`}
                  aria-current={active ? 'page' : undefined}
                  className={`-mb-px block border-b-2 px-3 py-2 text-sm whitespace-nowrap ${active ? 'border-accent-600 font-medium text-accent-700' : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900'}`}
                >
                  {t.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {children}
    </>
  );
}
