import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import type { listDeliveries } from '@/lib/services/ci/list-deliveries';
import { sourceLabels } from './sources';

type Delivery = Awaited<ReturnType<typeof listDeliveries>>[number];

const results = {
  accepted: <Badge tone="success">Deployed</Badge>,
  ignored: <Badge>Ignored</Badge>,
  rejected: <Badge tone="danger">Rejected</Badge>,
};


/** Recent deliveries: what each webhook call did, or why it did not deploy. */
export function DeliveriesTable({ deliveries, deployHref }: { deliveries: Delivery[]; deployHref: string }) {
  if (!deliveries.length) return <p className="rounded-xl border border-dashed border-zinc-300 bg-white px-5 py-8 text-center text-zinc-500">No webhook calls yet. They show up here as your CI sends them.</p>;
  return (
    <Table label="Recent deliveries">
      <THead>
        <Th>Time</Th>
        <Th>Source</Th>
        <Th>Image</Th>
        <Th>Result</Th>
      </THead>
      <TBody>
        {deliveries.map((d) => (
          <tr key={d.id}>
            <Td className="text-xs">
              <Time value={d.at} />
            </Td>
            <Td className="text-xs">
              {sourceLabels[d.source] ?? d.source}
              {d.token && <span className="block text-zinc-500">{d.token}</span>}
            </Td>
            <Td className="max-w-xs">
              <code className="font-mono text-xs break-all">{d.image ?? '—'}</code>
              {d.commit && <span className="block font-mono text-xs text-zinc-500">commit {d.commit.slice(0, 12)}</span>}
            </Td>
            <Td className="max-w-sm">
              {results[d.result]}
              {d.deploymentId ? (
                <Link href={deployHref} className="ml-2 text-xs text-accent-700 hover:underline">
                  View deployment
                </Link>
              ) : (
                d.message && <span className="mt-1 block text-xs text-zinc-600">{d.message}</span>
              )}
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
