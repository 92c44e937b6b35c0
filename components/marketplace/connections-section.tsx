import { EmptyState } from '@/components/ui/empty-state';
import { MarketplaceIcon } from '@/components/ui/icons';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { ServiceContext } from '@/lib/services/context';
import { getMarketplaceEntry } from '@/lib/services/marketplace/get-entry';
import { listConnections } from '@/lib/services/marketplace/list-connections';
import { listMarketplaceEntries } from '@/lib/services/marketplace/list-entries';
import { CreateConnectionButton, DeleteConnectionButton, RedeployBadge, type ConnectScope, type PickableEntry } from './connections';

/** A component's or a project's connections with "+ Create connection"; shared by both pages. */
export async function ConnectionsSection({ ctx, scope, canManage }: { ctx: ServiceContext; scope: ConnectScope; canManage: boolean }) {
  const [{ items }, market] = await Promise.all([listConnections(ctx, scope), canManage ? listMarketplaceEntries(ctx, { org: scope.org }) : Promise.resolve({ items: [] })]);
  const entries: PickableEntry[] = await Promise.all(
    market.items.map(async (e) => {
      const full = await getMarketplaceEntry(ctx, { org: scope.org, entry: e.name });
      return { name: e.name, category: e.category, versions: full.versions.map((v) => ({ version: v.version, keys: v.keys })) };
    }),
  );
  return (
    <section aria-labelledby="connections-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="connections-heading" className="text-sm font-semibold text-zinc-900">
            Connections
          </h2>
          <p className="text-zinc-500">Marketplace resources and services this {scope.component ? 'component' : 'project'} uses; their values become environment variables at deploy.</p>
        </div>
        {canManage && entries.length > 0 && <CreateConnectionButton scope={scope} entries={entries} />}
      </div>
      {items.length ? (
        <Table label="Connections">
          <THead>
            <Th>Name</Th>
            <Th>Entry</Th>
            <Th>Environment variables</Th>
            <Th>Status</Th>
            {canManage && (
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            )}
          </THead>
          <TBody>
            {items.map((c) => (
              <tr key={`${c.scope}:${c.name}`} data-connection={c.name}>
                <Td>
                  <span className="font-medium text-zinc-900">{c.name}</span>
                  {scope.component && c.scope === 'project' && <span className="block text-xs text-zinc-500">from the project</span>}
                </Td>
                <Td>
                  <span className="break-all">{c.entry}</span> <span className="text-zinc-500">{c.version}</span>
                </Td>
                <Td>
                  <ul>
                    {c.env.map((e) => (
                      <li key={e.key} className="font-mono text-xs">
                        {e.env}
                      </li>
                    ))}
                  </ul>
                </Td>
                <Td>
                  <RedeployBadge where={c.redeployToApply} applied={c.appliedIn} />
                </Td>
                {canManage && <Td>{(c.scope === 'component') === !!scope.component && <DeleteConnectionButton scope={scope} name={c.name} />}</Td>}
              </tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState icon={<MarketplaceIcon className="size-5" />} title="No connections yet">
          Connect to a database, queue or service from the Marketplace; its values reach the container as environment variables.
        </EmptyState>
      )}
    </section>
  );
}
