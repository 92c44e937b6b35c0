import { api } from '@/lib/http/api';
import { runtimeLogs } from '@/lib/services/deployments/runtime-logs';

type P = { org: string; project: string; component: string; env: string };

/** Runtime logs: JSON lines, or with ?follow=1 a Server-Sent Events stream. */
export const GET = api<P>(async ({ ctx, params, query, req }) => {
  const follow = query.get('follow') === '1';
  const input = { follow, ...(query.get('tail') ? { tail: query.get('tail') } : {}), ...(query.get('q') ? { q: query.get('q') } : {}) };
  const lines = await runtimeLogs(ctx, { ...input, org: params.org, project: params.project, component: params.component, environment: params.env }, req.signal);
  if (!follow) {
    const out: string[] = [];
    for await (const line of lines) out.push(line);
    return { lines: out };
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      // A comment first, so the client knows the stream is open even before the workload logs anything.
      controller.enqueue(encoder.encode(': connected\n\n'));
      try {
        for await (const line of lines) controller.enqueue(encoder.encode(`data: ${JSON.stringify(line)}\n\n`));
      } catch {
        /* the client went away or the container stopped */
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' } });
});
