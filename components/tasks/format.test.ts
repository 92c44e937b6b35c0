import { describe, expect, it } from 'vitest';
import { duration, inZone } from './format';

describe('duration', () => {
  it.each([
    [850, '850 ms'],
    [12_400, '12 s'],
    [185_000, '3m 05s'],
    [3_720_000, '1h 02m'],
    [-5, '—'],
  ])('%d ms reads %s', (ms, text) => expect(duration(ms)).toBe(text));
});

describe('inZone', () => {
  it('shows the wall clock and offset of the zone, DST included', () => {
    expect(inZone('2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('Sun, 29 Mar 2026, 03:00 (UTC+02:00)');
    expect(inZone('2026-03-28T01:30:00Z', 'Europe/Berlin')).toBe('Sat, 28 Mar 2026, 02:30 (UTC+01:00)');
    expect(inZone(new Date('2026-06-01T03:30:00Z'), 'Asia/Colombo')).toBe('Mon, 1 Jun 2026, 09:00 (UTC+05:30)');
    expect(inZone('2026-06-01T00:00:00Z', 'UTC')).toBe('Mon, 1 Jun 2026, 00:00 (UTC+00:00)');
  });
});
