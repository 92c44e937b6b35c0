import type { Metadata } from 'next';
import { AuditFilters, type AuditFilterValues } from '@/components/audit/audit-filters';
import { AuditLog } from '@/components/audit/audit-log';
import { AccessDenied } from '@/components/console/access-denied';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { ListIcon } from '@/components/ui/icons';
import { loadOrg } from '@/lib/console/guard';
import { settingsTab } from '@/lib/console/settings-tabs';
import { isServiceError } from '@/lib/errors';
import { listAuditActions, listAuditEvents } from '@/lib/services/audit/list-audit-events';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

const pageSize = 50;
const keys = ['actor', 'action', 'target', 'from', 'to'] as const;

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const query = await searchParams;
  const { ctx, role } = await loadOrg(slug);
  const { permission } = settingsTab('audit-log');
  if (!can(role, permission)) return <AccessDenied area="the audit log" role={role} permission={permission} orgSlug={slug} />;
  const filters: AuditFilterValues = {};
  for (const k of keys) {
    const v = query[k];
    if (typeof v === 'string' && v) filters[k] = v.slice(0, 200);
  }
  const [result, actions] = await Promise.all([
    listAuditEvents(ctx, { org: slug, limit: pageSize, ...filters }).then(
      (page) => ({ page, error: null }),
      (e: unknown) => {
        if (isServiceError(e) && e.code === 'invalid') return { page: null, error: e.message };
        throw e;
      },
    ),
    listAuditActions(ctx, { org: slug }),
  ]);
  const filtered = Object.keys(filters).length > 0;

  return (
    <section aria-labelledby="audit-heading" className="space-y-3">
      <div>
        <h2 id="audit-heading" className="text-sm font-semibold text-zinc-900">
          Audit log
        </h2>
        <p className="text-zinc-600">Every change in this organization: who made it, from where, and to what. Newest first; times in UTC.</p>
      </div>
      <AuditFilters orgSlug={slug} values={filters} actions={actions} />
      {result.error && <Alert>{result.error}</Alert>}
      {result.page && result.page.items.length > 0 && (
        <AuditLog
          orgSlug={slug}
          pageSize={pageSize}
          filters={filters}
          first={{
            nextCursor: result.page.nextCursor,
            items: result.page.items.map(({ id, createdAt, actorLabel, via, action, targetType, targetLabel, data }) => ({ id, createdAt, actorLabel, via, action, targetType, targetLabel, data })),
          }}
        />
      )}
      {result.page && result.page.items.length === 0 && <EmptyState icon={<ListIcon className="size-5" />} title={filtered ? 'No events match these filters' : 'No events yet'} />}
    </section>
  );
}
