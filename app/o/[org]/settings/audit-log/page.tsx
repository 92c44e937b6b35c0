import type { Metadata } from 'next';
import { AuditLog } from '@/components/audit/audit-log';
import { AccessDenied } from '@/components/console/access-denied';
import { EmptyState } from '@/components/ui/empty-state';
import { ListIcon } from '@/components/ui/icons';
import { loadOrg } from '@/lib/console/guard';
import { settingsTab } from '@/lib/console/settings-tabs';
import { listAuditEvents } from '@/lib/services/audit/list-audit-events';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

const pageSize = 50;

export default async function AuditLogPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { ctx, role } = await loadOrg(slug);
  const { permission } = settingsTab('audit-log');
  if (!can(role, permission)) return <AccessDenied area="the audit log" role={role} permission={permission} orgSlug={slug} />;
  const page = await listAuditEvents(ctx, { org: slug, limit: pageSize });

  return (
    <section aria-labelledby="audit-heading" className="space-y-3">
      <div>
        <h2 id="audit-heading" className="text-sm font-semibold text-zinc-900">
          Audit log
        </h2>
        <p className="text-zinc-500">Every change in this organization: who made it, from where, and to what. Newest first; times in UTC.</p>
      </div>
      {page.items.length ? (
        <AuditLog
          orgSlug={slug}
          pageSize={pageSize}
          first={{
            nextCursor: page.nextCursor,
            items: page.items.map(({ id, createdAt, actorLabel, via, action, targetType, targetLabel, data }) => ({ id, createdAt, actorLabel, via, action, targetType, targetLabel, data })),
          }}
        />
      ) : (
        <EmptyState icon={<ListIcon className="size-5" />} title="No events yet" />
      )}
    </section>
  );
}
