import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('follows paths on this console, with their query', () => {
    expect(safeNext('/o/acme/projects/web?q=a')).toBe('/o/acme/projects/web?q=a');
    expect(safeNext('/')).toBe('/');
  });

  it('refuses anything that leaves the origin, however it is spelled', () => {
    for (const bad of ['//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', 'https://evil.example/', 'javascript:alert(1)', 'evil.example', '', undefined, ['/a'], `/${'a'.repeat(3000)}`]) {
      expect(safeNext(bad), String(bad)).toBe('/');
    }
  });
});
