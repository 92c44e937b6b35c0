'use client';

import { signOut } from '@/components/auth/auth-client';
import { SignOutIcon } from '@/components/ui/icons';
import { Menu, MenuButton, MenuSeparator } from '@/components/ui/menu';

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

export function UserMenu({ user }: { user: { name: string; email: string } }) {
  return (
    <Menu
      align="right"
      triggerClassName="flex items-center gap-2 rounded-md px-1.5 py-1 hover:bg-zinc-100"
      trigger={
        <>
          <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-full bg-zinc-800 text-xs font-medium text-white">
            {initials(user.name) || '?'}
          </span>
          {/* The button is named by what it shows (WCAG 2.5.3: a speech user says what they see), plus what it is. */}
          <span className="hidden max-w-40 truncate text-sm text-zinc-700 lg:block">{user.name}</span>
          <span className="sr-only lg:hidden">{user.name}</span>
          <span className="sr-only">, account</span>
        </>
      }
    >
      <div className="px-3 py-2">
        <p className="truncate text-sm font-medium text-zinc-900">{user.name}</p>
        <p className="truncate text-xs text-zinc-500">{user.email}</p>
      </div>
      <MenuSeparator />
      <MenuButton onSelect={() => void signOut()}>
        <SignOutIcon className="size-4 text-zinc-500" />
        Sign out
      </MenuButton>
    </Menu>
  );
}
