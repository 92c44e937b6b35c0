/**
 * The one Server-Sent Events response: every live stream (execution logs, pipeline step logs,
 * the organisation's change feed) goes through here so framing, heartbeats and teardown agree.
 */
export type SseEvent = { id?: string | number; event?: string; data: unknown };

export type SseOptions = {
  /** Sent as a last event once `events` is exhausted (e.g. `end`), so clients can tell "finished" from "dropped". */
  endEvent?: string;
  /** A comment every this many ms keeps proxies from closing an idle stream. */
  heartbeatMs?: number;
  signal?: AbortSignal;
};

const encoder = new TextEncoder();

export function formatSse(e: SseEvent): string {
  let out = '';
  if (e.id !== undefined) out += `id: ${e.id}\n`;
  if (e.event) out += `event: ${e.event}\n`;
  // JSON never contains a raw newline, so one data line carries the whole payload.
  return `${out}data: ${JSON.stringify(e.data)}\n\n`;
}

export function sseResponse(events: AsyncIterable<SseEvent>, opts: SseOptions = {}): Response {
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (s: string) => {
        try {
          controller.enqueue(encoder.encode(s));
        } catch {
          /* already closed */
        }
      };
      // A comment first, so the client knows the stream is open before anything happens.
      send(': connected\n\n');
      heartbeat = setInterval(() => send(': ping\n\n'), opts.heartbeatMs ?? 15_000);
      try {
        for await (const e of events) {
          if (opts.signal?.aborted) break;
          send(formatSse(e));
        }
        if (opts.endEvent && !opts.signal?.aborted) send(formatSse({ event: opts.endEvent, data: {} }));
      } catch {
        /* the client went away, or the source failed: the client reconnects with Last-Event-ID */
      } finally {
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      }
    },
    cancel() {
      clearInterval(heartbeat);
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' } });
}
