import { api } from '@/lib/http/api';
import { sseResponse } from '@/lib/http/sse';
import { executionLogs, followExecutionLogs } from '@/lib/services/tasks/execution-logs';

type P = { org: string; project: string; component: string; id: string };

/**
 * An execution's stored log `{ lines, done }`, or with ?follow=1 a Server-Sent Events stream
 * (one `message` per line, id = its seq) that ends with an `end` event when the execution does;
 * a reconnect resumes after the Last-Event-ID it sends.
 */
export const GET = api<P>(async ({ ctx, params, query, req }) => {
  if (query.get('follow') !== '1') return executionLogs(ctx, params);
  const last = /^\d{1,9}$/.test(req.headers.get('last-event-id') ?? '') ? Number(req.headers.get('last-event-id')) : -1;
  const lines = await followExecutionLogs(ctx, params, req.signal, undefined, last + 1);
  async function* events() {
    for await (const line of lines) yield { id: line.seq, data: line };
  }
  return sseResponse(events(), { endEvent: 'end', signal: req.signal });
});
