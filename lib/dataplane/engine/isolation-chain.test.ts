import { describe, expect, it } from 'vitest';
import { parseRules, rulesOf } from './isolation-chain';

const id = 'a'.repeat(64);

describe('the isolation rules of a network', () => {
  it('send traffic leaving its bridge for another interface to chain 2, which drops what goes out to its bridge', () => {
    expect(rulesOf({ id, bridge: 'podman3' })).toEqual([
      ['GANTRY_ISOLATION_2', ['-o', 'podman3', '-m', 'comment', '--comment', `gantry:${id}`, '-j', 'DROP']],
      ['GANTRY_ISOLATION_1', ['-i', 'podman3', '!', '-o', 'podman3', '-m', 'comment', '--comment', `gantry:${id}`, '-j', 'GANTRY_ISOLATION_2']],
    ]);
  });

  it('refuse what is not an id and an interface name (they become iptables arguments)', () => {
    expect(() => rulesOf({ id, bridge: '-j ACCEPT' })).toThrow();
    expect(() => rulesOf({ id: 'nope', bridge: 'podman1' })).toThrow();
    expect(() => rulesOf({ id, bridge: '' })).toThrow();
  });

  it('are read back from iptables -S, one entry per network, other rules ignored', () => {
    const other = 'b'.repeat(64);
    const listing = [
      '-N GANTRY_ISOLATION_1',
      `-A GANTRY_ISOLATION_1 -i podman3 ! -o podman3 -m comment --comment gantry:${id} -j GANTRY_ISOLATION_2`,
      `-A GANTRY_ISOLATION_1 -i podman3 ! -o podman3 -m comment --comment "gantry:${other}" -j GANTRY_ISOLATION_2`,
      '-A GANTRY_ISOLATION_1 -i eth0 -j ACCEPT',
      '-N GANTRY_ISOLATION_2',
      `-A GANTRY_ISOLATION_2 -o podman3 -m comment --comment gantry:${id} -j DROP`,
      `-A GANTRY_ISOLATION_2 -o podman9 -m comment --comment gantry:${'c'.repeat(64)} -j DROP`,
    ].join('\n');
    expect(parseRules(listing)).toEqual([
      { id, bridge: 'podman3' },
      { id: other, bridge: 'podman3' },
      { id: 'c'.repeat(64), bridge: 'podman9' },
    ]);
  });
});
