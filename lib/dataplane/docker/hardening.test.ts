import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, hardenedHostConfig } from './hardening';

describe('container hardening', () => {
  it('drops every capability but the web-server ones, forbids new privileges and sets the limits', () => {
    expect(hardenedHostConfig(DEFAULT_LIMITS)).toEqual({
      SecurityOpt: ['no-new-privileges'],
      CapDrop: ['ALL'],
      CapAdd: ['CHOWN', 'SETGID', 'SETUID', 'NET_BIND_SERVICE'],
      Memory: 512 * 1024 * 1024,
      MemorySwap: 512 * 1024 * 1024,
      NanoCpus: 1_000_000_000,
      PidsLimit: 512,
    });
    expect(hardenedHostConfig({ memoryMiB: 64, cpus: 0.25, pids: 32 })).toMatchObject({ Memory: 64 * 1024 * 1024, NanoCpus: 250_000_000, PidsLimit: 32 });
  });
});
