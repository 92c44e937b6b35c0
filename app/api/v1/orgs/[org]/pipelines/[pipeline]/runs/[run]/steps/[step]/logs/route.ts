import { api } from '@/lib/http/api';
import { sseResponse } from '@/lib/http/sse';
import { followStepLogs, stepLogs } from '@/lib/services/pipelines/step-logs';

type P = { org: string; pipeline: string; run: string; step: string };

/** A step's stored log `{ lines, done }` (secrets masked; ?attempt=N), or with ?follow=1 Server-Sent Events until the step ends. */
export const GET = api<P>(async ({ ctx, params, query, req }) => {
  const input = { ...params, ...(query.get('attempt') ? { attempt: query.get('attempt') } : {}) };
  if (query.get('follow') !== '1') return stepLogs(ctx, input);
  const lines = await followStepLogs(ctx, input, req.signal);
  async function* events() {
    for await (const line of lines) yield { id: line.seq, data: line };
  }
  return sseResponse(events(), { endEvent: 'end', signal: req.signal });
});
