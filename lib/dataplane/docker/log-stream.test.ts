import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DockerLogLines, logLinesOf, streamLogLines } from './log-stream';

function frame(stream: 1 | 2, text: string | Buffer): Buffer {
  const payload = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(payload.length, 4);
  return Buffer.concat([h, payload]);
}

describe('Docker log demultiplexing', () => {
  it('splits frames into lines, per stream, dropping CR', () => {
    const body = Buffer.concat([frame(1, 'out1\nout'), frame(2, 'err1\r\n'), frame(1, '2\n'), frame(2, 'tail without newline')]);
    expect(logLinesOf(body)).toEqual(['out1', 'err1', 'out2', 'tail without newline']);
  });

  it('copes with frames and UTF-8 characters split across chunks', () => {
    const all = Buffer.concat([frame(1, 'héllo ✓\n'), frame(2, 'second\n')]);
    const d = new DockerLogLines();
    const lines: string[] = [];
    for (let i = 0; i < all.length; i++) lines.push(...d.push(all.subarray(i, i + 1)));
    lines.push(...d.end());
    expect(lines).toEqual(['héllo ✓', 'second']);
  });

  it('reads raw (TTY) output and streams', async () => {
    expect(logLinesOf('a\nb\n', false)).toEqual(['a', 'b']);
    const chunks = [frame(1, 'x\ny'), frame(1, '\n')];
    const out: string[] = [];
    for await (const l of streamLogLines(Readable.from(chunks))) out.push(l);
    expect(out).toEqual(['x', 'y']);
  });
});
