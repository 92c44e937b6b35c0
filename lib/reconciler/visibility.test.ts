import { describe, expect, it } from 'vitest';
import { widestVisibility } from './run-deployment';

describe('the visibility a rollout asks the data plane for', () => {
  it('is the widest among the release endpoints, project when there are none', () => {
    expect(widestVisibility([])).toBe('project');
    expect(widestVisibility([{ visibilities: ['Project'] }])).toBe('project');
    expect(widestVisibility([{ visibilities: ['Project'] }, { visibilities: ['Organization'] }])).toBe('organization');
    expect(widestVisibility([{ visibilities: ['Organization', 'Public'] }, { visibilities: ['Project'] }])).toBe('public');
  });
});
