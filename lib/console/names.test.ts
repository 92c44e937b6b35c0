import { describe, expect, it } from 'vitest';
import { dnsLabel } from '@/lib/services/validation';
import { dnsLabelProblem, toDnsLabel } from './names';

describe('name hints in forms', () => {
  it('agree with the services’ schema on every name', () => {
    const names = ['web', 'my-shop-api', 'a', 'x'.repeat(63), 'x'.repeat(64), 'Bad_Name', 'UPPER', '-lead', 'trail-', 'has space', 'dot.ted', 'ünï', '9lives', 'a--b'];
    for (const name of names) expect(dnsLabelProblem(name) === undefined, name).toBe(dnsLabel('Name').safeParse(name).success);
  });

  it('name the one thing to fix', () => {
    expect(dnsLabelProblem('Bad_Name')).toBe('Use lowercase letters only.');
    expect(dnsLabelProblem('bad_name')).toBe('Only lowercase letters, digits and hyphens are allowed.');
    expect(dnsLabelProblem('-web')).toBe('Must start and end with a letter or a digit.');
    expect(dnsLabelProblem('x'.repeat(64))).toBe('At most 63 characters.');
    expect(toDnsLabel('My Shop API ')).toBe('my-shop-api');
  });
});
