'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const sections = [
  { slug: '', label: 'Overview' },
  { slug: 'deploy', label: 'Deploy' },
  { slug: 'configs', label: 'Configs & Secrets' },
  { slug: 'logs', label: 'Logs' },
  { slug: 'devops/external-ci', label: 'External CI', group: 'DevOps' },
  { slug: 'settings', label: 'Settings' },
];

/** The component's sub-navigation; the current section is marked for screen readers too. */
export function ComponentNav({ base }: { base: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Component" className="mb-6 overflow-x-auto border-b border-zinc-200">
      <ul className="flex gap-1">
        {sections.map((s) => {
          const href = s.slug ? `${base}/${s.slug}` : base;
          const active = s.slug ? pathname.startsWith(href) : pathname === base;
          return (
            <li key={s.slug}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm whitespace-nowrap ${active ? 'border-accent-600 font-medium text-accent-700' : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900'}`}
              >
                {s.group && <span className="text-zinc-400">{s.group} › </span>}
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
