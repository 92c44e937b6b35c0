import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { secureDataDir } from '@/lib/data-dir';

/**
 * AES-256-GCM under a key ring. The first key encrypts; every key decrypts.
 * Ciphertext format (versioned): `v1.<keyId>.<iv>.<tag>.<data>` (base64url parts),
 * with an additional-data label binding a ciphertext to the row it belongs to.
 */
export class KeyRing {
  private readonly keys: { id: string; key: Buffer }[];

  constructor(keys: Buffer[]) {
    if (keys.length === 0) throw new Error('A key ring needs at least one key.');
    this.keys = keys.map((key) => {
      if (key.length !== 32) throw new Error('Every secret key must be 32 bytes (base64-encoded).');
      return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
    });
  }

  get currentKeyId(): string {
    return this.keys[0].id;
  }

  encrypt(plaintext: string, label: string): string {
    const { id, key } = this.keys[0];
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(label, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(ciphertext: string, label: string): string {
    const [version, id, iv, tag, data] = ciphertext.split('.');
    if (version !== 'v1' || !data) throw new Error('Unknown secret format.');
    const entry = this.keys.find((k) => k.id === id);
    if (!entry) throw new Error(`The secret was encrypted with key ${id}, which is not in GANTRY_SECRET_KEY.`);
    const decipher = createDecipheriv('aes-256-gcm', entry.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(label, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** True when the ciphertext is not under the current key (what `secrets:rotate` re-encrypts). */
  isStale(ciphertext: string): boolean {
    return ciphertext.split('.')[1] !== this.currentKeyId;
  }

  /** A purpose-specific key derived from the current key (e.g. the session-signing secret). */
  derive(purpose: string): string {
    return Buffer.from(hkdfSync('sha256', this.keys[0].key, Buffer.alloc(0), purpose, 32)).toString('base64url');
  }
}

/** `GANTRY_SECRET_KEY` (comma-separated base64 keys) or a key generated once into the data directory (mode 0600). */
export function loadKeyRing(env: string | undefined, dataDir: string): KeyRing {
  if (env && env.trim()) {
    return new KeyRing(env.split(',').map((k) => Buffer.from(k.trim(), 'base64')));
  }
  const file = path.join(dataDir, 'secret.key');
  secureDataDir(dataDir);
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return new KeyRing([Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')]);
}
