import type { Metadata } from 'next';
import { AddConfigButton, ConfigRowActions } from '@/components/components/configs/config-actions';
import { scopeLabel, type ConfigTarget } from '@/components/components/configs/types';
import { loadComponentPage } from '@/components/components/load-component';
import { plain } from '@/components/deploy/types';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { LockIcon } from '@/components/ui/icons';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { listConfigs } from '@/lib/services/configs/list-configs';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { listEnvironments } from '@/lib/services/environments/list-environments';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Configs & Secrets' };

type Params = { org: string; project: string; component: string };

export default async function ConfigsPage({ params }: { params: Promise<Params> }) {
  const { org: slug, project, component: name } = await params;
  const { ctx, role } = await loadComponentPage(slug, project, name);
  const path = { org: slug, project, component: name };
  const [configs, environments, cards] = await Promise.all([listConfigs(ctx, path), listEnvironments(ctx, { org: slug }), componentEnvironments(ctx, path)]);
  const canManage = can(role, 'components:manage');
  const target: ConfigTarget = { org: slug, project, component: name, environments: environments.map((e) => ({ name: e.name, displayName: e.displayName })), running: cards.filter((c) => c.active).map((c) => c.name) };

  return (
    <section aria-labelledby="configs-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="configs-heading" className="text-sm font-semibold text-zinc-900">
            Configs &amp; Secrets
          </h2>
          <p className="text-zinc-500">Environment variables and files mounted into the container. A change can redeploy the running release now, or wait for the next deployment.</p>
        </div>
        {canManage && <AddConfigButton target={target} />}
      </div>
      {configs.length ? (
        <Table label="Configs and secrets">
          <THead>
            <Th>Name</Th>
            <Th>Value</Th>
            <Th>Scope</Th>
            <Th className="hidden lg:table-cell">Updated</Th>
            {canManage && (
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            )}
          </THead>
          <TBody>
            {configs.map((c) => (
              <tr key={c.id} data-config={c.key}>
                <Td>
                  <code className="font-mono text-xs font-medium break-all text-zinc-900">{c.key}</code>
                  <span className="mt-0.5 flex gap-1">
                    <Badge>{c.kind === 'env' ? 'Env var' : 'File'}</Badge>
                    {c.secret && (
                      <Badge tone="warning">
                        <LockIcon className="mr-1 size-3" />
                        Secret
                      </Badge>
                    )}
                  </span>
                </Td>
                <Td className="max-w-xs">
                  {c.secret ? (
                    <span aria-label="Hidden secret value" className="font-mono text-zinc-500">
                      ••••••••
                    </span>
                  ) : (
                    <code className="line-clamp-2 font-mono text-xs break-all whitespace-pre-wrap text-zinc-700">{c.value || <span className="text-zinc-500">(empty)</span>}</code>
                  )}
                </Td>
                <Td className="whitespace-nowrap">{scopeLabel(target, c.environment)}</Td>
                <Td className="hidden text-xs lg:table-cell">
                  <Time value={c.updatedAt} />
                </Td>
                {canManage && (
                  <Td>
                    <ConfigRowActions target={target} entry={plain(c)} />
                  </Td>
                )}
              </tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState icon={<LockIcon className="size-5" />} title="No configs yet" action={canManage ? <AddConfigButton target={target} /> : undefined}>
          Set environment variables and mount files, for every environment or just one. Mark credentials as secrets: they are encrypted and never shown again.
        </EmptyState>
      )}
    </section>
  );
}
