import { api } from '@/lib/http/api';
import { executionLogs, followExecutionLogs } from '@/lib/services/tasks/execution-logs';

type P = { org: string; project: string; component: string; id: string };

/** An execution's stored log `{ lines, done }`, or with ?follow=1 a Server-Sent Events stream that ends when the execution does. */
export const GET = api<P>(async ({ ctx, params, query, req }) => {
  if (query.get('follow') !== '1') return executionLogs(ctx, params);
  const lines = await followExecutionLogs(ctx, params, req.signal);
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      // A comment first, so the client knows the stream is open before the task logs anything.
      controller.enqueue(encoder.encode(': connected\n\n'));
      try {
        for await (const line of lines) controller.enqueue(encoder.encode(`id: ${line.seq}\ndata: ${JSON.stringify(line)}\n\n`));
        controller.enqueue(encoder.encode('event: end\ndata: {}\n\n'));
      } catch {
        /* the client went away */
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' } });
});
