import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { KeyIcon } from '@/components/ui/icons';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import type { listCiTokens } from '@/lib/services/ci/tokens';
import type { CiTarget } from './ci-target';
import { RevokeCiTokenButton } from './revoke-ci-token-button';

type Token = Awaited<ReturnType<typeof listCiTokens>>[number];

const statusBadge = {
  active: <Badge tone="success">Active</Badge>,
  revoked: <Badge tone="danger">Revoked</Badge>,
  expired: <Badge tone="warning">Expired</Badge>,
};

/** Manage Tokens: the component's CI tokens, recognisable by name and prefix only. */
export function CiTokensTable({ target, tokens }: { target: CiTarget; tokens: Token[] }) {
  if (!tokens.length) {
    return (
      <EmptyState icon={<KeyIcon className="size-5" />} title="No CI tokens yet">
        Create a token for each pipeline that deploys {target.componentLabel}; revoke it when the pipeline no longer needs it.
      </EmptyState>
    );
  }
  return (
    <Table label="CI tokens">
      <THead>
        <Th>Name</Th>
        <Th>Token</Th>
        <Th className="hidden lg:table-cell">Created</Th>
        <Th>Last used</Th>
        <Th className="hidden md:table-cell">Expires</Th>
        <Th>Status</Th>
        <Th>
          <span className="sr-only">Actions</span>
        </Th>
      </THead>
      <TBody>
        {tokens.map((t) => (
          <tr key={t.id} data-token={t.name} className={t.status !== 'active' ? 'text-zinc-500' : undefined}>
            <Td className="font-medium text-zinc-900">
              {t.name}
              <span className="block text-xs font-normal text-zinc-500">by {t.createdBy}</span>
            </Td>
            <Td>
              <code className="font-mono text-xs">{t.prefix}…</code>
            </Td>
            <Td className="hidden text-xs lg:table-cell">
              <Time value={t.createdAt} />
            </Td>
            <Td className="text-xs">
              <Time value={t.lastUsedAt} fallback="Never" />
            </Td>
            <Td className="hidden text-xs md:table-cell">
              <Time value={t.expiresAt} fallback="Never" />
            </Td>
            <Td>{statusBadge[t.status as keyof typeof statusBadge]}</Td>
            <Td className="text-right">{t.status === 'active' && <RevokeCiTokenButton target={target} token={{ id: t.id, name: t.name, prefix: t.prefix }} />}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
