import Link from 'next/link';
import { FolderIcon } from '@/components/ui/icons';
import { Time } from '@/components/ui/time';

interface ProjectCardProps {
  href: string;
  project: { name: string; displayName: string; description: string; createdAt: Date };
}

export function ProjectCard({ href, project }: ProjectCardProps) {
  return (
    <Link href={href} className="group flex w-full flex-col rounded-xl border border-zinc-200 bg-white p-5 shadow-sm transition hover:border-accent-200 hover:shadow">
      <div className="flex items-center gap-3">
        <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-accent-50 text-accent-600">
          <FolderIcon className="size-[18px]" />
        </span>
        <div className="min-w-0">
          <h2 className="truncate font-medium text-zinc-900 group-hover:text-accent-700">{project.displayName}</h2>
          <p className="truncate font-mono text-xs text-zinc-500">{project.name}</p>
        </div>
      </div>
      <p className="mt-3 line-clamp-2 min-h-10 text-sm text-zinc-600">{project.description || <span className="text-zinc-500">No description</span>}</p>
      <p className="mt-4 text-xs text-zinc-500">
        Created <Time value={project.createdAt} />
      </p>
    </Link>
  );
}
