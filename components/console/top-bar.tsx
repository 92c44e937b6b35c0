import Link from 'next/link';
import type { ReactNode } from 'react';
import { Logo } from './logo';
import { UserMenu } from './user-menu';

/** The console header: the mark, the switchers given as children, and the user menu. */
export function TopBar({ user, children }: { user: { name: string; email: string }; children?: ReactNode }) {
  return (
    <header className="sticky top-0 z-30 flex h-14 items-center gap-1 border-b border-zinc-200 bg-white px-3 lg:gap-2 lg:px-4">
      <Link href="/" aria-label="Gantry home" className="mr-2 rounded-md p-1">
        <span className="lg:hidden">
          <Logo withName={false} />
        </span>
        <span className="hidden lg:inline">
          <Logo />
        </span>
      </Link>
      {children}
      <div className="flex-1" />
      <UserMenu user={user} />
    </header>
  );
}
