import Link from 'next/link';
import { ChevronRightIcon } from './icons';

export interface Crumb {
  label: string;
  href?: string;
}

/** Where this page sits; the last crumb is the current page. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-4">
      <ol className="flex flex-wrap items-center gap-1 text-xs text-zinc-500">
        {items.map((c, i) => {
          const last = i === items.length - 1;
          return (
            <li key={`${c.label}-${i}`} className="flex items-center gap-1">
              {c.href && !last ? (
                <Link href={c.href} className="rounded hover:text-zinc-900 hover:underline">
                  {c.label}
                </Link>
              ) : (
                <span aria-current={last ? 'page' : undefined} className={last ? 'text-zinc-700' : undefined}>
                  {c.label}
                </span>
              )}
              {!last && <ChevronRightIcon className="size-3 text-zinc-500" />}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
