import { afterEach, describe, expect, it } from 'vitest';
import { config, resetConfigForTests } from '@/lib/config';
import { clientAddress, peerHeader } from './client-address';

const trust = (value: string) => {
  process.env.GANTRY_TRUSTED_PROXIES = value;
  resetConfigForTests();
};
afterEach(() => {
  delete process.env.GANTRY_TRUSTED_PROXIES;
  resetConfigForTests();
});
const from = (peer: string | undefined, forwardedFor?: string) =>
  clientAddress(new Headers({ ...(peer !== undefined ? { [peerHeader]: peer } : {}), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) }));

describe('clientAddress', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(from('192.0.2.10', '8.8.8.8')).toBe('192.0.2.10');
    expect(from('::ffff:192.0.2.10', '8.8.8.8')).toBe('192.0.2.10');
    expect(from('2001:db8::1', '8.8.8.8')).toBe('2001:db8::1');
  });

  it('is unknown without a stamped peer, never taken from X-Forwarded-For alone', () => {
    expect(from(undefined, '8.8.8.8')).toBeUndefined();
    expect(from('not-an-address', '8.8.8.8')).toBeUndefined();
  });

  it('walks X-Forwarded-For from the right past trusted proxies (addresses and CIDRs)', () => {
    trust('10.0.0.5, 172.16.0.0/12');
    expect(from('10.0.0.5', '203.0.113.7')).toBe('203.0.113.7');
    // The client prepended a forged hop: the first untrusted address from the right wins.
    expect(from('10.0.0.5', '8.8.8.8, 203.0.113.7, 172.20.1.1')).toBe('203.0.113.7');
    // A peer that is not a trusted proxy is the client, whatever it forwards.
    expect(from('10.0.0.6', '203.0.113.7')).toBe('10.0.0.6');
    // Only trusted hops: the leftmost one is as far as the chain can be read.
    expect(from('10.0.0.5', '172.16.0.9')).toBe('172.16.0.9');
    // A malformed hop stops the walk at the last address that could be read.
    expect(from('10.0.0.5', '203.0.113.7, garbage')).toBe('10.0.0.5');
    expect(from('10.0.0.5')).toBe('10.0.0.5');
  });

  it('refuses a trusted-proxy setting that is not an address or CIDR at start-up', () => {
    trust('10.0.0.5, proxy.example, 10.0.0.0/33');
    expect(() => config()).toThrow(/GANTRY_TRUSTED_PROXIES: "proxy\.example" is not an IP address or CIDR range/);
    trust('10.0.0.0/33');
    expect(() => config()).toThrow(/"10\.0\.0\.0\/33" is not an IP address or CIDR range/);
  });
});
