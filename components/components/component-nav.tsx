'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

type Section = { slug: string; label: string; group?: string };

const sections: Section[] = [
  { slug: '', label: 'Overview' },
  { slug: 'deploy', label: 'Deploy' },
  { slug: 'configs', label: 'Configs & Secrets' },
  { slug: 'connections', label: 'Connections' },
  { slug: 'logs', label: 'Logs' },
  { slug: 'devops/external-ci', label: 'External CI', group: 'DevOps' },
  { slug: 'settings', label: 'Settings' },
];

/** Tasks run to completion: Execute (runs, history, per-run logs) takes the place of runtime Logs. */
const taskSections: Section[] = sections.flatMap((s) => (s.slug === 'deploy' ? [s, { slug: 'execute', label: 'Execute' }] : s.slug === 'logs' ? [] : [s]));

/** The component's sub-navigation; the current section is marked for screen readers too. */
export function ComponentNav({ base, task = false }: { base: string; task?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Component" className="mb-6 overflow-x-auto border-b border-zinc-200">
      <ul className="flex gap-1">
        {(task ? taskSections : sections).map((s) => {
          const href = s.slug ? `${base}/${s.slug}` : base;
          const active = s.slug ? pathname.startsWith(href) : pathname === base;
          return (
            <li key={s.slug}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm whitespace-nowrap ${active ? 'border-accent-600 font-medium text-accent-700' : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900'}`}
              >
                {s.group && <span className="text-zinc-500">{s.group} › </span>}
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
