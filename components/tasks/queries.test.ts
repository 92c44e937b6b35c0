import { describe, expect, it } from 'vitest';
import { mergeLines } from './queries';

const line = (seq: number, text = `l${seq}`) => ({ seq, stream: 'stdout' as const, text, at: '2026-01-01T00:00:00Z' });

describe('mergeLines (stored log + streamed lines)', () => {
  it('appends new lines in seq order and keeps one copy of lines a reconnect repeats', () => {
    const stored = [line(0), line(1)];
    expect(mergeLines(stored, [line(1), line(2), line(3)]).map((l) => l.seq)).toEqual([0, 1, 2, 3]);
    expect(mergeLines(stored, [line(3), line(2)]).map((l) => l.seq)).toEqual([0, 1, 2, 3]);
    expect(mergeLines(stored, [])).toBe(stored);
  });
});
