'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { testRegistryAction } from './actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { WarningIcon } from '@/components/ui/icons';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { Spinner } from './check-result';
import { Ago } from './relative-time';
import { DeleteRegistryDialog, EditRegistryDialog } from './registry-dialogs';
import { authTypeLabel, type Registry } from './types';

interface RegistriesTableProps {
  orgSlug: string;
  registries: Registry[];
  /** Admins and platform engineers: test results, usernames and row actions. */
  canManage: boolean;
  /** The server's clock when it rendered, so relative times hydrate identically. */
  serverNow: number;
}

export function RegistriesTable({ orgSlug, registries, canManage, serverNow }: RegistriesTableProps) {
  return (
    <Table label="Container registries">
      <THead>
        <Th>Registry</Th>
        <Th>Authentication</Th>
        {canManage && <Th>Last test</Th>}
        <Th className="hidden lg:table-cell">Used by</Th>
        {canManage && (
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        )}
      </THead>
      <TBody>
        {registries.map((r) => (
          <RegistryRow key={r.id} orgSlug={orgSlug} registry={r} canManage={canManage} serverNow={serverNow} />
        ))}
      </TBody>
    </Table>
  );
}

function RegistryRow({ orgSlug, registry: r, canManage, serverNow }: { orgSlug: string; registry: Registry; canManage: boolean; serverNow: number }) {
  const router = useRouter();
  const toast = useToast();
  const [refreshing, startRefresh] = useTransition();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const test = useServerAction(testRegistryAction, {
    toastErrors: true,
    onSuccess(result) {
      if (result.status === 'failed') toast.error(`${r.displayName}: ${result.message}`);
      else toast.success(result.status === 'ok' ? `${r.displayName}: connection OK.` : `${r.displayName} is reachable; pull access cannot be verified from the control plane.`);
      startRefresh(() => router.refresh());
    },
  });
  const testing = test.pending || refreshing;

  return (
    <tr data-registry={r.displayName}>
      <Td className="max-w-xs min-w-40">
        <div className="font-medium break-words text-zinc-900">{r.displayName}</div>
        <code className="font-mono text-xs break-all text-zinc-500">{r.host}</code>
        <div className="mt-0.5 text-xs text-zinc-500 lg:hidden">
          <UsedBy names={r.usedBy} />
        </div>
        {canManage &&
          r.warnings.map((w) => (
            <p key={w} className="mt-1 flex items-start gap-1 text-xs text-amber-800">
              <WarningIcon className="mt-px size-3.5 shrink-0" />
              <span>{w}</span>
            </p>
          ))}
      </Td>
      <Td>
        <Badge tone={r.authType === 'anonymous' ? 'neutral' : r.authType === 'vendor' ? 'warning' : 'accent'}>{authTypeLabel(r.authType)}</Badge>
        {r.insecure && <span className="ml-1 text-xs text-zinc-500">HTTP</span>}
        {canManage && r.username && <div className="mt-1 truncate text-xs text-zinc-500" title={r.username}>as {r.username}</div>}
      </Td>
      {canManage && (
        <Td className="min-w-40">
          <LastTest registry={r} testing={testing} serverNow={serverNow} />
        </Td>
      )}
      <Td className="hidden whitespace-nowrap lg:table-cell">
        <UsedBy names={r.usedBy} />
      </Td>
      {canManage && (
        <Td className="text-right whitespace-nowrap">
          <div className="flex justify-end gap-1">
            <Button variant="secondary" size="sm" pending={testing} onClick={() => test.run(orgSlug, r.id, {})} aria-label={`Test connection to ${r.displayName}`}>
              Test
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setDialog('edit')} aria-label={`Edit ${r.displayName}`}>
              Edit
            </Button>
            <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setDialog('delete')} aria-label={`Delete ${r.displayName}`}>
              Delete
            </Button>
          </div>
          {/* Dialogs are DOM children of this cell: don't let them inherit its alignment and no-wrap. */}
          <div className="text-left whitespace-normal">
            <EditRegistryDialog orgSlug={orgSlug} registry={r} open={dialog === 'edit'} onClose={() => setDialog(null)} />
            <DeleteRegistryDialog orgSlug={orgSlug} registry={r} open={dialog === 'delete'} onClose={() => setDialog(null)} />
          </div>
        </Td>
      )}
    </tr>
  );
}

function LastTest({ registry: r, testing, serverNow }: { registry: Registry; testing: boolean; serverNow: number }) {
  if (testing) {
    return (
      <span className="inline-flex items-center gap-1.5 text-zinc-600">
        <Spinner className="size-3" /> Testing…
      </span>
    );
  }
  if (!r.lastTestStatus || !r.lastTestedAt) return <span className="text-zinc-500">Not tested yet</span>;
  const when = <Ago value={r.lastTestedAt} serverNow={serverNow} />;
  if (r.lastTestStatus === 'ok') {
    return (
      <span className="inline-flex items-center gap-1.5 text-emerald-700" title={r.lastTestMessage ?? undefined}>
        <span aria-hidden="true" className="size-2 rounded-full bg-emerald-500" />
        <span>OK · {when}</span>
      </span>
    );
  }
  if (r.lastTestStatus === 'unverifiable') {
    return (
      <div className="max-w-64 text-xs" title={r.lastTestMessage ?? undefined}>
        <span className="inline-flex items-center gap-1.5 text-sm text-amber-800">
          <span aria-hidden="true" className="size-2 rounded-full bg-amber-500" />
          <span>Reachable · {when}</span>
        </span>
        <p className="mt-0.5 pl-3.5 text-zinc-600">Pull access cannot be verified from the control plane.</p>
      </div>
    );
  }
  return (
    <div className="max-w-64 text-xs">
      <p className="flex items-start gap-1.5 break-words text-red-700">
        <span aria-hidden="true" className="mt-1 size-2 shrink-0 rounded-full bg-red-500" />
        <span>
          <span className="font-medium">Failed:</span> {r.lastTestMessage}
        </span>
      </p>
      <p className="mt-0.5 pl-3.5 text-zinc-500">{when}</p>
    </div>
  );
}

function UsedBy({ names }: { names: string[] }) {
  if (!names.length) return <span className="text-zinc-500">Used by 0 components</span>;
  return (
    <span title={names.join(', ')}>
      Used by {names.length} component{names.length > 1 ? 's' : ''}
    </span>
  );
}
