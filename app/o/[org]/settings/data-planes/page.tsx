import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { loadOrg } from '@/lib/console/guard';
import { listDataPlanes } from '@/lib/services/environments/list-data-planes';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Data planes' };

const drivers: Record<string, string> = { docker: 'Docker Engine API', kubernetes: 'Kubernetes' };

export default async function DataPlanesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { ctx } = await loadOrg(slug);
  const planes = await listDataPlanes(ctx, { org: slug });

  return (
    <section aria-labelledby="planes-heading" className="space-y-3">
      <div>
        <h2 id="planes-heading" className="text-sm font-semibold text-zinc-900">
          Data planes
        </h2>
        <p className="text-zinc-500">Where workloads run. Gantry never runs images itself: it hands each data plane a digest-pinned image and a pull secret.</p>
      </div>
      <Table label="Data planes">
        <THead>
          <Th>Name</Th>
          <Th>Driver</Th>
          <Th>Environments</Th>
          <Th>Created</Th>
        </THead>
        <TBody>
          {planes.map((p) => (
            <tr key={p.id}>
              <Td className="font-medium text-zinc-900">{p.name}</Td>
              <Td>{drivers[p.driver] ?? p.driver}</Td>
              <Td>
                <span className="flex flex-wrap gap-1">
                  {p.environments.length ? p.environments.map((e) => <Badge key={e}>{e}</Badge>) : <span className="text-zinc-500">None</span>}
                </span>
              </Td>
              <Td>
                <Time value={p.createdAt} />
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </section>
  );
}
