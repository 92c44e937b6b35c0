import { describe, expect, it } from 'vitest';
import { MASK, SecretMasker } from './mask';

describe('SecretMasker', () => {
  const secret = 's3cr3t-Value!';
  const m = new SecretMasker([secret, 'line-one\nline-two-x', 'ab']);

  it('masks values, lines of multi-line values, and never short ones', () => {
    expect(m.mask(`token=${secret};`)).toBe(`token=${MASK};`);
    expect(m.mask('got line-two-x here')).toBe(`got ${MASK} here`);
    expect(m.mask('ab cd')).toBe('ab cd');
  });

  it('masks base64 forms at every alignment, URL-safe too, and echo | base64', () => {
    for (const prefix of ['', 'x', 'xy', 'xyz']) {
      const b64 = Buffer.from(`${prefix}${secret}tail`).toString('base64');
      expect(m.mask(b64)).toContain(MASK);
      expect(m.mask(b64.replace(/\+/g, '-').replace(/\//g, '_'))).toContain(MASK);
    }
    expect(m.mask(Buffer.from(`${secret}\n`).toString('base64'))).not.toContain(Buffer.from(secret).toString('base64').slice(0, 8));
  });

  it('masks every string of a structure and leaves others alone', () => {
    expect(m.maskDeep({ a: [secret, 1], b: { c: `x${secret}` } })).toEqual({ a: [MASK, 1], b: { c: `x${MASK}` } });
    expect(new SecretMasker([]).mask(secret)).toBe(secret);
  });

  it('masks values added later, from then on, beside the first ones', () => {
    const later = new SecretMasker([secret]);
    const generated = 'gen-Pw-0x5f3759df';
    expect(later.mask(`pw=${generated}`)).toBe(`pw=${generated}`);
    later.add([generated, 'xy']);
    expect(later.mask(`pw=${generated} token=${secret} xy`)).toBe(`pw=${MASK} token=${MASK} xy`);
    expect(later.mask(Buffer.from(generated).toString('base64'))).toBe(MASK);
  });
});
