import type { Metadata } from 'next';
import Link from 'next/link';
import { RegisterEntryButton } from '@/components/marketplace/register-entry';
import { Badge } from '@/components/ui/badge';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { EmptyState } from '@/components/ui/empty-state';
import { MarketplaceIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { SearchBox } from '@/components/ui/search-box';
import { loadOrg } from '@/lib/console/guard';
import { MARKETPLACE_CATEGORIES } from '@/lib/marketplace/categories';
import { listEnvironments } from '@/lib/services/environments/list-environments';
import { listMarketplaceEntries } from '@/lib/services/marketplace/list-entries';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Marketplace' };

const sourceLabel = { manual: 'Registered', pipeline: 'Pipeline', endpoint: 'Endpoint' } as const;

export default async function MarketplacePage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ q?: string; category?: string }> }) {
  const { org: slug } = await params;
  const { q = '', category } = await searchParams;
  const { ctx, org, role } = await loadOrg(slug);
  const picked = MARKETPLACE_CATEGORIES.find((c) => c === category);
  const [{ items }, environments] = await Promise.all([listMarketplaceEntries(ctx, { org: slug, ...(q.trim() ? { q: q.trim().slice(0, 100) } : {}), ...(picked ? { category: picked } : {}) }), listEnvironments(ctx, { org: slug })]);
  const base = `/o/${slug}/platform/marketplace`;
  const href = (c?: string) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), ...(c ? { category: c } : {}) })}`;
  return (
    <>
      <Breadcrumbs items={[{ label: org.name, href: `/o/${slug}` }, { label: 'Platform' }, { label: 'Marketplace' }]} />
      <PageHeader
        title="Marketplace"
        description="Resources your platform team provisioned and services your teams expose. Connect a component to one and its values reach the container as environment variables."
        actions={can(role, 'marketplace:manage') ? <RegisterEntryButton org={slug} environments={environments.map((e) => e.name)} /> : undefined}
      />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <SearchBox initial={q} id="marketplace-search" label="Search the marketplace" />
        <nav aria-label="Categories" className="flex flex-wrap gap-1">
          {[undefined, ...MARKETPLACE_CATEGORIES].map((c) => (
            <Link key={c ?? 'all'} href={href(c)} aria-current={picked === c ? 'page' : undefined} className={`rounded-full px-3 py-1 text-sm ${picked === c ? 'bg-accent-600 text-white' : 'bg-zinc-100 text-zinc-700 hover:bg-zinc-200'}`}>
              {c ?? 'All'}
            </Link>
          ))}
        </nav>
      </div>
      {items.length ? (
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Marketplace entries">
          {items.map((e) => (
            <li key={e.name} data-entry={e.name} className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm">
              <div className="flex items-start justify-between gap-2">
                <Link href={`${base}/${encodeURIComponent(e.name)}`} className="font-medium break-all text-accent-700 hover:underline">
                  {e.name}
                </Link>
                <Badge tone="accent">{e.category}</Badge>
              </div>
              <p className="mt-1 line-clamp-2 text-sm text-zinc-600">{e.description || <span className="text-zinc-500">No description</span>}</p>
              <p className="mt-2 flex flex-wrap gap-1 text-xs text-zinc-500">
                <Badge>{sourceLabel[e.source]}</Badge>
                <span>
                  {e.versions.length > 1 ? `${e.versions.length} versions, latest ${e.latestVersion}` : `version ${e.latestVersion}`}
                </span>
                {e.tags.map((t) => (
                  <Badge key={t}>{t}</Badge>
                ))}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState icon={<MarketplaceIcon className="size-5" />} title={q || picked ? 'Nothing matches' : 'The marketplace is empty'}>
          Pipelines publish what they provision here, platform engineers register existing resources, and every endpoint with Organization or Public visibility appears on its own.
        </EmptyState>
      )}
    </>
  );
}
