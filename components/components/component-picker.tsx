import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ComponentIcon } from '@/components/ui/icons';
import type { ServiceContext } from '@/lib/services/context';
import { listComponents } from '@/lib/services/components/list-components';
import { TypeIcon, typeLabel } from './type-info';

interface ComponentPickerProps {
  ctx: ServiceContext;
  orgSlug: string;
  projectName: string;
  /** Where each component row links to: a section of the component's pages ("deploy", "logs"…). */
  sections: { label: string; slug: string }[];
  emptyHint: string;
}

/** Project-level Deploy and DevOps: pick the component to work on. */
export async function ComponentPicker({ ctx, orgSlug, projectName, sections, emptyHint }: ComponentPickerProps) {
  const { items } = await listComponents(ctx, { org: orgSlug, project: projectName, limit: 200 });
  const base = `/o/${orgSlug}/projects/${projectName}/components`;
  if (!items.length) {
    return (
      <EmptyState
        icon={<ComponentIcon className="size-5" />}
        title="No components yet"
        action={
          <ButtonLink href={`/o/${orgSlug}/projects/${projectName}`} variant="secondary">
            Go to Component Listing
          </ButtonLink>
        }
      >
        {emptyHint}
      </EmptyState>
    );
  }
  return (
    <ul aria-label="Components" className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white">
      {items.map((c) => (
        <li key={c.id} className="flex flex-wrap items-center gap-3 px-5 py-3">
          <TypeIcon type={c.type} size="sm" />
          <div className="min-w-0 flex-1">
            <Link href={`${base}/${c.name}/${sections[0].slug}`} className="font-medium text-zinc-900 hover:text-accent-700 hover:underline">
              {c.displayName}
            </Link>
            <p className="truncate text-xs text-zinc-500">
              {typeLabel(c.type)} · <span className="font-mono">{c.repository}</span>
            </p>
          </div>
          <div className="flex flex-wrap gap-1">
            {sections.map((s) => (
              <ButtonLink key={s.slug} href={`${base}/${c.name}/${s.slug}`} size="sm" variant="secondary" aria-label={`${s.label}: ${c.displayName}`}>
                {s.label}
              </ButtonLink>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
