import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyRing, loadKeyRing } from './keyring';

describe('key ring', () => {
  const a = randomBytes(32);
  const b = randomBytes(32);

  it('round-trips, and binds a ciphertext to its label', () => {
    const ring = new KeyRing([a]);
    const c = ring.encrypt('s3cret', 'registry:1');
    expect(c).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(c).not.toContain('s3cret');
    expect(ring.decrypt(c, 'registry:1')).toBe('s3cret');
    expect(() => ring.decrypt(c, 'registry:2')).toThrow();
    expect(ring.encrypt('s3cret', 'registry:1')).not.toBe(c);
  });

  it('detects tampering', () => {
    const ring = new KeyRing([a]);
    const parts = ring.encrypt('s3cret', 'x').split('.');
    parts[4] = Buffer.from('t4mpered').toString('base64url');
    expect(() => ring.decrypt(parts.join('.'), 'x')).toThrow();
  });

  it('rotates: the first key encrypts, older keys still decrypt, a missing key is named', () => {
    const old = new KeyRing([a]).encrypt('v', 'l');
    const rotated = new KeyRing([b, a]);
    expect(rotated.isStale(old)).toBe(true);
    expect(rotated.decrypt(old, 'l')).toBe('v');
    expect(rotated.isStale(rotated.encrypt('v', 'l'))).toBe(false);
    expect(() => new KeyRing([b]).decrypt(old, 'l')).toThrow(/not in GANTRY_SECRET_KEY/);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new KeyRing([randomBytes(16)])).toThrow(/32 bytes/);
  });

  it('generates one key into the data directory with mode 0600 and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-key-'));
    const first = loadKeyRing(undefined, dir);
    const second = loadKeyRing(undefined, dir);
    expect(first.currentKeyId).toBe(second.currentKeyId);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const fromEnv = loadKeyRing(`${b.toString('base64')}, ${a.toString('base64')}`, dir);
    expect(fromEnv.currentKeyId).toBe(new KeyRing([b]).currentKeyId);
    fs.rmSync(dir, { recursive: true });
  });
});
