import { describe, expect, it } from 'vitest';
import { duration, initialValues, runFields, stepTree } from './run-form';

describe('the Start New Run form', () => {
  it('an enum becomes a select with its default; others are text fields', () => {
    const fields = runFields([
      { name: 'environment', displayName: 'Environment', default: 'Development', enum: ['Development', 'Production'] },
      { name: 'region', description: 'Cloud region', default: 'eu' },
      { name: 'tier', enum: ['a', 'b'] },
      { name: 'note' },
    ]);
    expect(fields).toEqual([
      { kind: 'select', name: 'environment', label: 'Environment', options: ['Development', 'Production'], initial: 'Development' },
      { kind: 'text', name: 'region', label: 'region', help: 'Cloud region', initial: 'eu' },
      { kind: 'select', name: 'tier', label: 'tier', options: ['a', 'b'], initial: 'a' },
      { kind: 'text', name: 'note', label: 'note', initial: '' },
    ]);
    expect(initialValues(fields)).toEqual({ environment: 'Development', region: 'eu', tier: 'a', note: '' });
  });

  it('durations and the step tree', () => {
    expect(duration('2026-01-01T00:00:00Z', '2026-01-01T00:00:03.2Z')).toBe('3.2 s');
    expect(duration('2026-01-01T00:00:00Z', '2026-01-01T01:02:00Z')).toBe('1 h 2 min');
    expect(duration(null)).toBe('—');
    const tree = stepTree([
      { group: 1, index: 1, stepId: 'b', attempt: 1 },
      { group: 0, index: 0, stepId: 'a', attempt: 2 },
      { group: 1, index: 0, stepId: 'c', attempt: 1 },
      { group: 0, index: 0, stepId: 'a', attempt: 1 },
    ]);
    expect(tree.map((g) => [g.group, g.steps.map((s) => [s.stepId, s.attempts.map((a) => a.attempt)])])).toEqual([
      [0, [['a', [1, 2]]]],
      [1, [['c', [1]], ['b', [1]]]],
    ]);
  });
});
