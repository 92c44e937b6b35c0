import { and, desc, eq } from 'drizzle-orm';
import { marketplaceEntry } from '@/db/schema';
import { endpointEntries } from '@/lib/marketplace/endpoint-entries';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { authorizeOrg } from './locate';
import { listEntriesInput } from './schemas';

export interface EntrySummary {
  name: string;
  category: string;
  description: string;
  tags: string[];
  source: 'manual' | 'pipeline' | 'endpoint';
  /** Newest first. */
  versions: string[];
  latestVersion: string;
  updatedAt: string | null;
}

/**
 * The marketplace: stored entries (one item per name, its versions newest first) and every
 * Organization/Public endpoint. `q` matches name, description and tags; `category` filters.
 */
export async function listMarketplaceEntries(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'org:read');
  const data = parse(listEntriesInput, input);
  const stored = await ctx.db
    .select()
    .from(marketplaceEntry)
    .where(and(eq(marketplaceEntry.organizationId, org.id), data.category ? eq(marketplaceEntry.category, data.category) : undefined))
    .orderBy(desc(marketplaceEntry.createdAt));
  const byName = new Map<string, EntrySummary>();
  for (const e of stored) {
    const item = byName.get(e.name);
    if (item) item.versions.push(e.version);
    else
      byName.set(e.name, { name: e.name, category: e.category, description: e.description, tags: e.tags, source: e.source, versions: [e.version], latestVersion: e.version, updatedAt: e.updatedAt.toISOString() });
  }
  const items: EntrySummary[] = [...byName.values()];
  if (!data.category || data.category === 'Service') {
    for (const e of await endpointEntries(ctx.db, org.id)) {
      items.push({ name: e.name, category: e.category, description: e.description, tags: e.tags, source: 'endpoint', versions: [e.version], latestVersion: e.version, updatedAt: null });
    }
  }
  const q = data.q?.toLowerCase();
  const found = q ? items.filter((i) => [i.name, i.description, ...i.tags].some((s) => s.toLowerCase().includes(q))) : items;
  found.sort((a, b) => a.name.localeCompare(b.name));
  return { items: found };
}
