import Link from 'next/link';
import { shortDigest, tagOf } from '@/components/deploy/format';
import { StatusBadge } from '@/components/deploy/status-badge';
import type { DeploymentSummary } from '@/components/deploy/types';
import { isTask } from '@/lib/component-types';
import { TypeIcon, typeLabel } from './type-info';

interface ComponentCardProps {
  href: string;
  component: { name: string; displayName: string; type: string; repository: string };
  /** The first environment and what was last deployed there. */
  environment?: { displayName: string; deployment: Pick<DeploymentSummary, 'status' | 'image' | 'digest' | 'tag'> | null };
}

export function ComponentCard({ href, component, environment }: ComponentCardProps) {
  const d = environment?.deployment;
  return (
    <Link href={href} className="group flex w-full flex-col rounded-xl border border-zinc-200 bg-white p-5 shadow-sm transition hover:border-accent-200 hover:shadow">
      <div className="flex items-center gap-3">
        <TypeIcon type={component.type} />
        <div className="min-w-0">
          <h3 className="truncate font-medium text-zinc-900 group-hover:text-accent-700">{component.displayName}</h3>
          <p className="truncate text-xs text-zinc-500">
            <span className="font-mono">{component.name}</span> · {typeLabel(component.type)}
          </p>
        </div>
      </div>
      <p className="mt-3 truncate font-mono text-xs text-zinc-600" title={component.repository}>
        {component.repository}
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
        <span>{environment?.displayName ?? 'No environment'}:</span>
        {d ? (
          <>
            <StatusBadge status={d.status} activeLabel={isTask(component.type) ? 'Deployed' : undefined} />
            <span className="font-mono">
              {d.tag ?? tagOf(d.image)} <span className="text-zinc-500">{shortDigest(d.digest)}</span>
            </span>
          </>
        ) : (
          <span className="text-zinc-500">Not deployed</span>
        )}
      </div>
    </Link>
  );
}
