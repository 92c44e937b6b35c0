import type { Metadata } from 'next';
import Link from 'next/link';
import { shortDigest, tagOf } from '@/components/deploy/format';
import { PromotionPolicyForm } from '@/components/deploy/promotion-policy-form';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { loadOrg } from '@/lib/console/guard';
import { getPromotionPolicy, listPendingPromotions } from '@/lib/services/deployments/promotion-approval';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Promotions' };

/** The promotion policy and the promotions waiting for approval across the organisation. */
export default async function PromotionsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { ctx, role } = await loadOrg(slug);
  const [policy, pending] = await Promise.all([getPromotionPolicy(ctx, { org: slug }), listPendingPromotions(ctx, { org: slug })]);

  return (
    <div className="space-y-8">
      <section aria-labelledby="policy-heading" className="space-y-3">
        <h2 id="policy-heading" className="text-sm font-semibold text-zinc-900">
          Promotion policy
        </h2>
        <PromotionPolicyForm orgSlug={slug} requireApproval={policy.requireApproval} lastEnvironment={policy.lastEnvironment} canManage={can(role, 'org:manage')} />
      </section>
      <section aria-labelledby="pending-heading" className="space-y-3">
        <h2 id="pending-heading" className="text-sm font-semibold text-zinc-900">
          Waiting for approval <span className="font-normal text-zinc-500">({pending.length})</span>
        </h2>
        {pending.length ? (
          <Table label="Promotions waiting for approval">
            <THead>
              <Th>Component</Th>
              <Th>Release</Th>
              <Th>To</Th>
              <Th>Requested</Th>
            </THead>
            <TBody>
              {pending.map((p) => (
                <tr key={p.id}>
                  <Td>
                    <Link href={`/o/${slug}/projects/${p.project}/components/${p.component}/deploy`} className="font-medium text-accent-700 hover:underline">
                      {p.project} / {p.componentDisplayName}
                    </Link>
                  </Td>
                  <Td>
                    <span className="font-mono text-xs">{p.tag ?? tagOf(p.image) ?? 'untagged'}</span> <span className="font-mono text-xs text-zinc-600">{shortDigest(p.digest)}</span>
                  </Td>
                  <Td>{p.to}</Td>
                  <Td className="text-xs">
                    <Time value={p.createdAt} /> by {p.requestedBy}
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        ) : (
          <EmptyState title="Nothing waits for approval">Promotions waiting for an admin or platform engineer show here and on the component&apos;s Deploy page.</EmptyState>
        )}
      </section>
    </div>
  );
}
