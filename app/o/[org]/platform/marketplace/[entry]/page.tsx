import type { Metadata } from 'next';
import { DeleteEntryButton } from '@/components/marketplace/delete-entry';
import { Badge } from '@/components/ui/badge';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { LockIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { loadOrg, orNotFound } from '@/lib/console/guard';
import { defaultEnvName } from '@/lib/services/marketplace/find-entry';
import { getMarketplaceEntry } from '@/lib/services/marketplace/get-entry';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Marketplace entry' };

export default async function EntryPage({ params }: { params: Promise<{ org: string; entry: string }> }) {
  const { org: slug, entry: raw } = await params;
  const name = decodeURIComponent(raw);
  const { ctx, org, role } = await loadOrg(slug);
  const entry = await orNotFound(getMarketplaceEntry(ctx, { org: slug, entry: name }));
  const latest = entry.versions[0];
  const example = 'my-conn';
  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${slug}` }, { label: 'Marketplace', href: `/o/${slug}/platform/marketplace` }, { label: entry.name }]} />
      <PageHeader
        title={<span className="break-all">{entry.name}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone="accent">{latest.category}</Badge>
            <span>{latest.description || 'No description.'}</span>
          </span>
        }
        actions={can(role, 'marketplace:manage') && entry.source !== 'endpoint' ? <DeleteEntryButton org={slug} entry={entry.name} /> : undefined}
      />
      <section aria-labelledby="how-heading" className="mb-8 rounded-lg border border-accent-200 bg-accent-50/40 p-4">
        <h2 id="how-heading" className="text-sm font-semibold text-zinc-900">
          How to use
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          Create a connection from a component (or a whole project): <strong>+ Create connection</strong> on its Connections page. Each key becomes an environment variable,
          named <code className="font-mono text-xs">&lt;CONNECTION&gt;_&lt;KEY&gt;</code> unless you rename it. For a connection named <code className="font-mono text-xs">{example}</code>:
        </p>
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Environment variables a connection provides">
          {entry.keys.map((k) => (
            <li key={k}>
              <code className="rounded bg-white px-2 py-1 font-mono text-xs text-zinc-800 ring-1 ring-zinc-200">{defaultEnvName(example, k)}</code>
            </li>
          ))}
          {!entry.keys.length && <li className="text-sm text-zinc-500">This entry has no credentials yet.</li>}
        </ul>
      </section>
      {entry.versions.map((v) => (
        <section key={v.version} aria-label={`Version ${v.version}`} className="mb-8 space-y-3">
          <h2 className="flex flex-wrap items-center gap-2 text-sm font-semibold text-zinc-900">
            Version {v.version}
            {v.revision > 1 && <Badge>revision {v.revision}</Badge>}
            {v.updatedAt && (
              <span className="text-xs font-normal text-zinc-500">
                updated <Time value={v.updatedAt} /> by {v.updatedBy}
              </span>
            )}
          </h2>
          {Object.keys(v.properties).length > 0 && (
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              {Object.entries(v.properties).map(([k, val]) => (
                <div key={k} className="contents">
                  <dt className="text-zinc-500">{k}</dt>
                  <dd className="break-all text-zinc-800">{val}</dd>
                </div>
              ))}
            </dl>
          )}
          <Table label={`Availability of version ${v.version}`}>
            <THead>
              <Th>Environment</Th>
              <Th>Available</Th>
              <Th>Parameters</Th>
            </THead>
            <TBody>
              {v.environments.map((e) => (
                <tr key={e.environment} data-environment={e.environment}>
                  <Td>{e.environment}</Td>
                  <Td>{e.available ? <Badge tone="success">Available</Badge> : <Badge>Not available</Badge>}</Td>
                  <Td>
                    <ul className="space-y-0.5">
                      {e.parameters.map((p) => (
                        <li key={p.key} className="font-mono text-xs">
                          <span className="text-zinc-500">{p.key}</span>{' '}
                          {p.isSecret ? (
                            <span className="inline-flex items-center gap-1 text-zinc-600">
                              <LockIcon className="size-3" />
                              set
                            </span>
                          ) : (
                            <span className="break-all text-zinc-800">{p.value}</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
          {v.usedBy.length > 0 && (
            <p className="text-sm text-zinc-600">
              Used by: {v.usedBy.map((u) => `${u.component ? `${u.project}/${u.component}` : u.project} (${u.connection})`).join(', ')}
            </p>
          )}
        </section>
      ))}
    </>
  );
}
