import { api } from '@/lib/http/api';
import { sseResponse } from '@/lib/http/sse';
import { executionLogs, followExecutionLogs } from '@/lib/services/tasks/execution-logs';

type P = { org: string; project: string; component: string; id: string };

/** An execution's stored log `{ lines, done }`, or with ?follow=1 a Server-Sent Events stream that ends when the execution does. */
export const GET = api<P>(async ({ ctx, params, query, req }) => {
  if (query.get('follow') !== '1') return executionLogs(ctx, params);
  const lines = await followExecutionLogs(ctx, params, req.signal);
  async function* events() {
    for await (const line of lines) yield { id: line.seq, data: line };
  }
  return sseResponse(events(), { endEvent: 'end', signal: req.signal });
});
