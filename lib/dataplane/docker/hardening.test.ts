import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, hardenedHostConfig, usernsMode } from './hardening';

const baseOf = (mode: string) => Number(/uidmapping=0:(\d+):65536,gidmapping=0:\1:65536$/.exec(mode)![1]);

describe('container hardening', () => {
  it('maps each organisation onto its own host id range, clear of host users and below the largest uid', () => {
    const bases = ['acme', 'globex', 'initech', 'umbrella'].map((org) => baseOf(usernsMode('inst01', org)));
    expect(new Set(bases).size).toBe(4);
    expect(baseOf(usernsMode('inst02', 'acme'))).not.toBe(bases[0]);
    expect(usernsMode('inst01', 'acme')).toBe(usernsMode('inst01', 'acme'));
    for (const b of bases) {
      expect(b % 65_536).toBe(0);
      expect(b).toBeGreaterThanOrEqual(16 * 65_536);
      expect(b + 65_536).toBeLessThan(2 ** 32 - 1);
    }
  });

  it('drops every capability but the web-server ones, forbids new privileges and sets the limits', () => {
    expect(hardenedHostConfig(DEFAULT_LIMITS, undefined)).toEqual({
      SecurityOpt: ['no-new-privileges'],
      CapDrop: ['ALL'],
      CapAdd: ['CHOWN', 'SETGID', 'SETUID', 'NET_BIND_SERVICE'],
      Memory: 512 * 1024 * 1024,
      MemorySwap: 512 * 1024 * 1024,
      NanoCpus: 1_000_000_000,
      PidsLimit: 512,
    });
    expect(hardenedHostConfig({ memoryMiB: 64, cpus: 0.25, pids: 32 }, 'auto:x')).toMatchObject({ Memory: 64 * 1024 * 1024, NanoCpus: 250_000_000, PidsLimit: 32, UsernsMode: 'auto:x' });
  });
});
