import type { Metadata } from 'next';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { loadOrg } from '@/lib/console/guard';
import { listEnvironments } from '@/lib/services/environments/list-environments';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Environments' };

export default async function EnvironmentsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { ctx } = await loadOrg(slug);
  const environments = await listEnvironments(ctx, { org: slug });

  return (
    <section aria-labelledby="env-heading" className="space-y-3">
      <div>
        <h2 id="env-heading" className="text-sm font-semibold text-zinc-900">
          Environments
        </h2>
        <p className="text-zinc-500">The promotion path, in order: a release is deployed to the first environment and promoted to the next.</p>
      </div>
      <Table label="Environments">
        <THead>
          <Th className="w-16">Order</Th>
          <Th>Environment</Th>
          <Th>Name</Th>
          <Th>Data plane</Th>
          <Th>Created</Th>
        </THead>
        <TBody>
          {environments.map((env, i) => (
            <tr key={env.id}>
              <Td className="text-zinc-500">{i + 1}</Td>
              <Td className="font-medium text-zinc-900">{env.displayName}</Td>
              <Td>
                <code className="font-mono text-xs">{env.name}</code>
              </Td>
              <Td>{env.dataPlane}</Td>
              <Td>
                <Time value={env.createdAt} />
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </section>
  );
}
