/**
 * Turns the Docker logs API output into lines. Without a TTY the engine
 * multiplexes stdout and stderr into frames: an 8-byte header (stream id in
 * byte 0, payload length big-endian in bytes 4–7) followed by the payload.
 * Frames may be split anywhere across chunks, and a line may span frames.
 */
import { StringDecoder } from 'node:string_decoder';

class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  push(data: Buffer, out: string[]): void {
    const text = this.partial + this.decoder.write(data);
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const p of parts) out.push(p.endsWith('\r') ? p.slice(0, -1) : p);
  }

  flush(out: string[]): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest) out.push(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  }
}

/** Incremental demultiplexer: feed chunks, get complete lines (stdout and stderr each keep their own partial line). */
export class DockerLogLines {
  private pending: Buffer = Buffer.alloc(0);
  private readonly streams = new Map<number, LineSplitter>();

  constructor(private readonly multiplexed = true) {}

  private splitter(id: number): LineSplitter {
    let s = this.streams.get(id);
    if (!s) this.streams.set(id, (s = new LineSplitter()));
    return s;
  }

  push(chunk: Buffer): string[] {
    const out: string[] = [];
    if (!this.multiplexed) {
      this.splitter(0).push(chunk, out);
      return out;
    }
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      this.splitter(this.pending[0]).push(this.pending.subarray(8, 8 + size), out);
      this.pending = this.pending.subarray(8 + size);
    }
    return out;
  }

  end(): string[] {
    const out: string[] = [];
    for (const s of this.streams.values()) s.flush(out);
    return out;
  }
}

/** All lines of a complete (non-follow) logs response. */
export function logLinesOf(body: Buffer | string, multiplexed = true): string[] {
  const d = new DockerLogLines(multiplexed);
  return [...d.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')), ...d.end()];
}

/** Lines of a streaming (follow) logs response, as they arrive. */
export async function* streamLogLines(stream: AsyncIterable<Buffer | string>, multiplexed = true): AsyncGenerator<string> {
  const d = new DockerLogLines(multiplexed);
  for await (const chunk of stream) {
    yield* d.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'utf8'));
  }
  yield* d.end();
}
