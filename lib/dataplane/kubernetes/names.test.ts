import { describe, expect, it } from 'vitest';
import { componentBaseName, dnsName, isDnsLabel, isLabelValue, labelValue, namespaceName, shortHash } from './names';

/** Deterministic awkward strings: unicode, punctuation, leading digits and hyphens, long runs. */
function* awkwardStrings(count: number): Generator<string> {
  const alphabet = ['a', 'Z', '0', '9', '-', '_', '.', ' ', '/', 'é', '💥', '--', 'x'.repeat(40)];
  let seed = 7;
  for (let i = 0; i < count; i++) {
    let s = '';
    const length = i % 23;
    for (let j = 0; j < length; j++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      s += alphabet[seed % alphabet.length];
    }
    yield s;
  }
}

describe('names', () => {
  it('always yields valid, bounded DNS labels and label values', () => {
    for (const raw of awkwardStrings(500)) {
      expect(isDnsLabel(dnsName(raw)), JSON.stringify(raw)).toBe(true);
      expect(isDnsLabel(componentBaseName(raw), 40), JSON.stringify(raw)).toBe(true);
      expect(isLabelValue(labelValue(raw)), JSON.stringify(raw)).toBe(true);
      const ns = namespaceName({ org: raw, project: raw.toUpperCase(), environment: `${raw}-env` });
      expect(isDnsLabel(ns), ns).toBe(true);
    }
  });

  it('keeps valid values as they are', () => {
    expect(dnsName('api')).toBe('api');
    expect(componentBaseName('web-frontend')).toBe('web-frontend');
    expect(labelValue('Release_1.2')).toBe('Release_1.2');
    expect(labelValue('')).toBe('');
  });

  it('hashes deterministically with letters and digits only', () => {
    expect(shortHash('x')).toBe(shortHash('x'));
    expect(shortHash('x')).not.toBe(shortHash('y'));
    expect(shortHash('x', 13)).toMatch(/^[a-z0-9]{13}$/);
  });

  it('keeps distinct inputs distinct after sanitising', () => {
    const inputs = ['a b', 'a_b', 'a-b', 'A-B', 'a--b', 'a.b'];
    expect(new Set(inputs.map((s) => dnsName(s))).size).toBe(inputs.length);
    expect(new Set(inputs.map(labelValue)).size).toBe(inputs.length);
  });
});
