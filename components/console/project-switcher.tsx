'use client';

import { useParams } from 'next/navigation';
import { useState } from 'react';
import { CreateProjectDialog } from '@/components/projects/create-project-dialog';
import { PlusIcon } from '@/components/ui/icons';
import { Menu, MenuButton, MenuLabel, MenuLink, MenuSeparator } from '@/components/ui/menu';
import { SwitcherTrigger, switcherClass } from './org-switcher';

interface ProjectSwitcherProps {
  orgSlug: string;
  projects: { name: string; displayName: string }[];
  canCreate: boolean;
}

/** Choreo's Project list in the header: the current project, the others, and Create. */
export function ProjectSwitcher({ orgSlug, projects, canCreate }: ProjectSwitcherProps) {
  const params = useParams<{ project?: string }>();
  const [creating, setCreating] = useState(false);
  const current = projects.find((p) => p.name === params.project);
  const value = current?.displayName ?? params.project ?? (projects.length ? 'Select a project' : 'No projects yet');

  return (
    <>
      <Menu triggerClassName={switcherClass} trigger={<SwitcherTrigger caption="Project" value={value} muted={!params.project} />}>
        <MenuLink href={`/o/${orgSlug}`}>All projects</MenuLink>
        {projects.length > 0 && <MenuLabel>Projects</MenuLabel>}
        {projects.map((p) => (
          <MenuLink key={p.name} href={`/o/${orgSlug}/projects/${p.name}`} current={p.name === params.project}>
            <span className="block truncate">{p.displayName}</span>
            <span className="block truncate font-mono text-xs text-zinc-500">{p.name}</span>
          </MenuLink>
        ))}
        {canCreate && (
          <>
            <MenuSeparator />
            <MenuButton onSelect={() => setCreating(true)}>
              <PlusIcon className="size-4 text-zinc-500" />
              Create Project
            </MenuButton>
          </>
        )}
      </Menu>
      {canCreate && <CreateProjectDialog orgSlug={orgSlug} open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
