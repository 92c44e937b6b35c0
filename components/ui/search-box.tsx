'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { SearchIcon } from '@/components/ui/icons';

/** Filters a server-rendered list through ?q=, as you type (and on Enter without JavaScript). */
export function SearchBox({ initial, id, label }: { initial: string; id: string; label: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [value, setValue] = useState(initial);
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  function update(next: string) {
    setValue(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const q = next.trim();
      startTransition(() => router.replace(q ? `${pathname}?q=${encodeURIComponent(q)}` : pathname, { scroll: false }));
    }, 250);
  }

  return (
    <form role="search" action={pathname} className="relative w-full max-w-sm" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" />
      <input
        id={id}
        name="q"
        type="search"
        value={value}
        onChange={(e) => update(e.target.value)}
        placeholder={label}
        maxLength={100}
        className="h-9 w-full rounded-md border border-zinc-300 bg-white pr-3 pl-9 text-sm shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-accent-500"
      />
      {pending && <span className="absolute top-1/2 right-3 size-3.5 -translate-y-1/2 animate-spin rounded-full border-2 border-zinc-300 border-r-transparent" aria-hidden="true" />}
    </form>
  );
}
