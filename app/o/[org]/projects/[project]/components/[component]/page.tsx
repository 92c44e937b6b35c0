import type { Metadata } from 'next';
import { LiveRefresh } from '@/components/live/org-changes';
import Link from 'next/link';
import { loadComponentPage } from '@/components/components/load-component';
import { typeLabel } from '@/components/components/type-info';
import { shortDigest, tagOf } from '@/components/deploy/format';
import { StatusBadge } from '@/components/deploy/status-badge';
import { isLongRunning, isTask } from '@/lib/component-types';
import { Time } from '@/components/ui/time';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { listRegistries } from '@/lib/services/registries/list-registries';

export const dynamic = 'force-dynamic';

type Params = { org: string; project: string; component: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: (await params).component };
}

export default async function ComponentOverviewPage({ params }: { params: Promise<Params> }) {
  const { org: slug, project, component: name } = await params;
  const { ctx, component } = await loadComponentPage(slug, project, name);
  const [cards, registries] = await Promise.all([componentEnvironments(ctx, { org: slug, project, component: name }), listRegistries(ctx, { org: slug })]);
  const registry = registries.find((r) => r.id === component.registryId);
  const base = `/o/${slug}/projects/${project}/components/${name}`;
  const runsOnPort = isLongRunning(component.type);

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
      <LiveRefresh />
      <section aria-labelledby="environments-heading" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="environments-heading" className="text-sm font-semibold text-zinc-900">
            Environments
          </h2>
          <Link href={`${base}/deploy`} className="text-sm text-accent-700 hover:underline">
            Go to Deploy
          </Link>
        </div>
        <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white">
          {cards.map((c) => {
            const shown = c.current;
            return (
              <li key={c.name} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3">
                <span className="w-28 font-medium text-zinc-900">{c.displayName}</span>
                {shown ? (
                  <>
                    <StatusBadge status={shown.status} activeLabel={isTask(component.type) ? 'Deployed' : undefined} />
                    <span className="font-mono text-xs text-zinc-700">
                      {shown.tag ?? tagOf(shown.image)} <span className="text-zinc-500">{shortDigest(shown.digest)}</span>
                    </span>
                    {c.active && <FirstAddress card={c} />}
                  </>
                ) : (
                  <span className="text-zinc-500">Not deployed</span>
                )}
              </li>
            );
          })}
        </ul>
        {component.description && <p className="text-zinc-600">{component.description}</p>}
      </section>
      <aside aria-labelledby="details-heading" className="h-fit rounded-xl border border-zinc-200 bg-white p-5">
        <h2 id="details-heading" className="mb-3 text-sm font-semibold text-zinc-900">
          Details
        </h2>
        <dl className="space-y-3 text-sm">
          <Detail label="Type">{typeLabel(component.type)}</Detail>
          <Detail label="Registry">
            {registry ? `${registry.displayName} (${registry.host})` : '—'}
          </Detail>
          <Detail label="Repository" mono>
            {component.repository}
          </Detail>
          {runsOnPort && (
            <Detail label="Ports" mono>
              {component.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || '—'}
            </Detail>
          )}
          {runsOnPort && (
            <Detail label="Health check" mono>
              {component.healthPath ?? 'TCP connect'}
            </Detail>
          )}
          {component.schedule && (
            <Detail label="Schedule" mono>
              {component.schedule}
            </Detail>
          )}
          <Detail label="Created">
            <Time value={component.createdAt} />
          </Detail>
        </dl>
      </aside>
    </div>
  );
}

function Detail({ label, mono, children }: { label: string; mono?: boolean; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className={`break-all text-zinc-800 ${mono ? 'font-mono text-xs' : ''}`}>{children}</dd>
    </div>
  );
}

/**
 * The first endpoint's address people can open: its public URL, else the port published on the
 * host; an in-network address (http://api.shop:8080) resolves only inside the data plane, so it
 * is shown as text. Releases without declared endpoints answer on the host.
 */
function FirstAddress({ card }: { card: { addresses: { publicUrl: string | null; hostUrl: string | null; networkUrl: string | null }[]; active: { endpoints: { url: string }[] | null } | null } }) {
  const a = card.addresses[0];
  const link = a ? (a.publicUrl ?? a.hostUrl) : (card.active?.endpoints?.[0]?.url ?? null);
  if (link)
    return (
      <a href={link} target="_blank" rel="noreferrer" className="font-mono text-xs text-accent-700 hover:underline">
        {link}
      </a>
    );
  return a?.networkUrl ? <code className="font-mono text-xs text-zinc-700">{a.networkUrl}</code> : null;
}
