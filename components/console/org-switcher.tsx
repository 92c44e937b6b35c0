'use client';

import { ChevronDownIcon, PlusIcon } from '@/components/ui/icons';
import { Menu, MenuLabel, MenuLink, MenuSeparator } from '@/components/ui/menu';

export const switcherClass = 'flex min-w-0 items-center gap-2 rounded-md px-2 py-1 text-left hover:bg-zinc-100';

/** The header's caption-over-value trigger shared by the organization and project switchers. */
export function SwitcherTrigger({ caption, value, muted }: { caption: string; value: string; muted?: boolean }) {
  return (
    <>
      <span className="flex min-w-0 flex-col leading-tight">
        <span className="text-[11px] text-zinc-600">{caption}</span>
        <span className={`max-w-32 truncate text-sm font-medium lg:max-w-48 ${muted ? 'text-zinc-600' : 'text-zinc-900'}`}>{value}</span>
      </span>
      <ChevronDownIcon className="size-4 shrink-0 text-zinc-500" />
    </>
  );
}

export function OrgSwitcher({ current, orgs, canCreate }: { current: { slug: string; name: string }; orgs: { slug: string; name: string }[]; canCreate: boolean }) {
  return (
    <Menu triggerClassName={switcherClass} trigger={<SwitcherTrigger caption="Organization" value={current.name} />}>
      <MenuLabel>Organizations</MenuLabel>
      {orgs.map((o) => (
        <MenuLink key={o.slug} href={`/o/${o.slug}`} current={o.slug === current.slug}>
          <span className="block truncate">{o.name}</span>
          <span className="block truncate font-mono text-xs text-zinc-500">{o.slug}</span>
        </MenuLink>
      ))}
      {canCreate && <MenuSeparator />}
      {canCreate && (
        <MenuLink href="/orgs/new">
          <span className="flex items-center gap-2">
            <PlusIcon className="size-4 text-zinc-500" />
            Create organization
          </span>
        </MenuLink>
      )}
    </Menu>
  );
}
