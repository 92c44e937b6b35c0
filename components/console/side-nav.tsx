'use client';

import Link from 'next/link';
import { useParams, usePathname } from 'next/navigation';
import type { ComponentType, SVGProps } from 'react';
import { DeployIcon, DevOpsIcon, MarketplaceIcon, OverviewIcon, PipelineIcon, SettingsIcon } from '@/components/ui/icons';

interface Item {
  label: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** Undefined: not available here (shown dimmed with the reason). */
  href?: string;
  active?: boolean;
  reason?: string;
}

/**
 * The left navigation. Below 1024 px it collapses to an icon rail; labels stay available
 * to screen readers and as tooltips.
 */
export function SideNav({ orgSlug, showPlatform }: { orgSlug: string; showPlatform: boolean }) {
  const pathname = usePathname();
  const { project } = useParams<{ project?: string }>();
  const org = `/o/${orgSlug}`;
  const projectBase = project ? `${org}/projects/${project}` : undefined;
  const select = 'Select a project first';

  const main: Item[] = [
    { label: 'Overview', icon: OverviewIcon, href: projectBase ?? org, active: pathname === (projectBase ?? org) },
    { label: 'Deploy', icon: DeployIcon, href: projectBase && `${projectBase}/deploy`, active: !!projectBase && pathname.startsWith(`${projectBase}/deploy`), reason: select },
    { label: 'DevOps', icon: DevOpsIcon, href: projectBase && `${projectBase}/devops`, active: !!projectBase && pathname.startsWith(`${projectBase}/devops`), reason: select },
    { label: 'Settings', icon: SettingsIcon, href: `${org}/settings`, active: pathname.startsWith(`${org}/settings`) },
  ];
  // Everyone browses the marketplace (developers connect to it); pipelines are the platform team's.
  const platform: Item[] = [
    ...(showPlatform ? [{ label: 'Automation pipelines', icon: PipelineIcon, href: `${org}/platform/pipelines`, active: pathname.startsWith(`${org}/platform/pipelines`) }] : []),
    { label: 'Marketplace', icon: MarketplaceIcon, href: `${org}/platform/marketplace`, active: pathname.startsWith(`${org}/platform/marketplace`) },
  ];

  return (
    <nav aria-label="Main" className="w-14 shrink-0 border-r border-zinc-200 bg-white px-2 py-4 lg:w-56 lg:px-3">
      <ul className="space-y-1">
        {main.map((item) => (
          <NavItem key={item.label} item={item} />
        ))}
      </ul>
      <div className="mt-6">
        <h2 className="mb-1 border-t border-zinc-100 pt-4 text-[11px] font-medium tracking-wide text-zinc-500 uppercase lg:border-0 lg:px-2.5 lg:pt-0">
          <span className="sr-only lg:not-sr-only">Platform</span>
        </h2>
        <ul className="space-y-1">
          {platform.map((item) => (
            <NavItem key={item.label} item={item} />
          ))}
        </ul>
      </div>
    </nav>
  );
}

function NavItem({ item }: { item: Item }) {
  const Icon = item.icon;
  const base = 'flex h-9 items-center justify-center gap-3 rounded-md px-2.5 text-sm lg:justify-start';
  const label = <span className="sr-only lg:not-sr-only lg:truncate">{item.label}</span>;
  if (!item.href) {
    return (
      <li>
        <span aria-disabled="true" title={`${item.label}: ${item.reason}`} className={`${base} cursor-not-allowed text-zinc-400`}>
          <Icon className="size-[18px] shrink-0" />
          {label}
        </span>
      </li>
    );
  }
  return (
    <li>
      <Link
        href={item.href}
        title={item.label}
        aria-current={item.active ? 'page' : undefined}
        className={`${base} ${item.active ? 'bg-accent-50 font-medium text-accent-700' : 'text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900'}`}
      >
        <Icon className="size-[18px] shrink-0" />
        {label}
      </Link>
    </li>
  );
}
