import { api } from '@/lib/http/api';
import { listAuditEvents } from '@/lib/services/audit/list-audit-events';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params, query }) => listAuditEvents(ctx, { ...Object.fromEntries(query), org: params.org }));
