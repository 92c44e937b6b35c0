'use server';

import { action } from '@/lib/http/action';
import { listAuditEvents } from '@/lib/services/audit/list-audit-events';

/** One page of the audit log, newest first; `input` is `{ org, cursor?, limit? }`. */
export async function listAuditEventsAction(input: unknown) {
  return action((ctx) => listAuditEvents(ctx, input));
}
