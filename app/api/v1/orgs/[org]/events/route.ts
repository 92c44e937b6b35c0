import { api } from '@/lib/http/api';
import { sseResponse } from '@/lib/http/sse';
import { followOrgChanges } from '@/lib/services/orgs/follow-org-changes';

type P = { org: string };

/**
 * The organisation's change feed (Server-Sent Events): `deployments` events name each deployment
 * whose status changed (with a cursor as the event id, so a reconnecting EventSource resumes with
 * Last-Event-ID), `components` events say the listings changed. Clients refetch what they show.
 */
export const GET = api<P>(async ({ ctx, params, query, req }) => {
  const since = req.headers.get('last-event-id') ?? query.get('since') ?? undefined;
  const changes = await followOrgChanges(ctx, { org: params.org, ...(since ? { since } : {}) }, req.signal);
  async function* events() {
    for await (const c of changes) {
      yield c.kind === 'deployments' ? { id: c.cursor, event: 'deployments', data: { changes: c.changes } } : { event: 'components', data: {} };
    }
  }
  return sseResponse(events(), { signal: req.signal });
});
