import type { Metadata } from 'next';
import { CreateApiKeyButton } from '@/components/api-keys/create-api-key-dialog';
import { RevokeApiKeyButton } from '@/components/api-keys/revoke-api-key-button';
import { AccessDenied } from '@/components/console/access-denied';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { KeyIcon } from '@/components/ui/icons';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { loadOrg } from '@/lib/console/guard';
import { settingsTab } from '@/lib/console/settings-tabs';
import { listApiKeys } from '@/lib/services/api-keys/list-api-keys';
import { can, roleLabels, type Role } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API keys' };

function status(key: { revokedAt: Date | null; expiresAt: Date | null }, now: Date) {
  if (key.revokedAt) return <Badge tone="danger">Revoked</Badge>;
  if (key.expiresAt && key.expiresAt <= now) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

export default async function ApiKeysPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { ctx, role } = await loadOrg(slug);
  const { permission } = settingsTab('api-keys');
  if (!can(role, permission)) return <AccessDenied area="API key settings" role={role} permission={permission} orgSlug={slug} />;
  const keys = await listApiKeys(ctx, { org: slug });
  const now = new Date();

  return (
    <section aria-labelledby="keys-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <div>
          <h2 id="keys-heading" className="text-sm font-semibold text-zinc-900">
            API keys
          </h2>
          <p className="text-zinc-500">Keys act on this organization with the role they were given. Only their first characters are kept for recognition.</p>
        </div>
        <CreateApiKeyButton orgSlug={slug} />
      </div>
      {keys.length ? (
        <Table label="API keys">
          <THead>
            <Th>Name</Th>
            <Th>Key</Th>
            <Th>Role</Th>
            <Th className="hidden lg:table-cell">Last used</Th>
            <Th>Expires</Th>
            <Th>Status</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </THead>
          <TBody>
            {keys.map((k) => (
              <tr key={k.id} className={k.revokedAt ? 'text-zinc-500' : undefined}>
                <Td className="font-medium text-zinc-900">
                  {k.name}
                  {k.createdBy && <span className="block text-xs font-normal text-zinc-500">by {k.createdBy}</span>}
                </Td>
                <Td>
                  <code className="font-mono text-xs">{k.prefix}…</code>
                </Td>
                <Td>{roleLabels[k.role as Role] ?? k.role}</Td>
                <Td className="hidden lg:table-cell">
                  <Time value={k.lastUsedAt} fallback="Never" />
                </Td>
                <Td>
                  <Time value={k.expiresAt} fallback="Never" />
                </Td>
                <Td>{status(k, now)}</Td>
                <Td className="text-right">{!k.revokedAt && <RevokeApiKeyButton orgSlug={slug} apiKey={{ id: k.id, name: k.name, prefix: k.prefix }} />}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState icon={<KeyIcon className="size-5" />} title="No API keys yet">
          Create a key for scripts and automation that call the Gantry REST API.
        </EmptyState>
      )}
    </section>
  );
}
