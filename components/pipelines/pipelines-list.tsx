'use client';

import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { PipelineIcon, PlusIcon } from '@/components/ui/icons';
import { Menu, MenuLink } from '@/components/ui/menu';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { usePipelines } from './queries';

/** "+ Create" with its two ways: write the YAML here, or read it from a Git repository. */
export function CreatePipelineMenu({ org }: { org: string }) {
  const base = `/o/${org}/platform/pipelines/new`;
  return (
    <Menu
      align="right"
      triggerLabel="Create"
      triggerClassName="inline-flex items-center gap-1.5 rounded-md bg-accent-600 px-3 py-2 text-sm font-medium text-white hover:bg-accent-700"
      trigger={
        <>
          <PlusIcon className="size-4" /> Create
        </>
      }
    >
      <MenuLink href={`${base}?source=yaml`}>Use YAML Editor</MenuLink>
      <MenuLink href={`${base}?source=git`}>Import from Git</MenuLink>
    </Menu>
  );
}

export function PipelinesList({ org }: { org: string }) {
  const list = usePipelines(org);
  if (list.isPending) return <p className="text-sm text-zinc-500">Loading pipelines…</p>;
  if (list.isError) return <p className="text-sm text-red-700">{list.error.message}</p>;
  const items = list.data.items;
  if (!items.length) {
    return (
      <EmptyState icon={<PipelineIcon className="size-5" />} title="No pipelines yet" action={<CreatePipelineMenu org={org} />}>
        A pipeline is a list of steps run in containers, written in the YAML editor or read from a Git repository, with variables, secrets and run-time parameters.
      </EmptyState>
    );
  }
  return (
    <Table label="Pipelines">
      <THead>
        <Th>Name</Th>
        <Th>Source</Th>
        <Th>Version</Th>
      </THead>
      <TBody>
        {items.map((p) => (
          <tr key={p.name}>
            <Td>
              <Link href={`/o/${org}/platform/pipelines/${p.name}`} className="font-medium text-accent-700 hover:underline">
                {p.displayName}
              </Link>
              {p.description && <p className="text-xs text-zinc-500">{p.description}</p>}
            </Td>
            <Td>{p.source === 'git' ? 'Git' : 'YAML editor'}</Td>
            <Td>Version {p.version}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
