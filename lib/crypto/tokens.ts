import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A 256-bit random token with a readable prefix, e.g. `gak_3kF…`. */
export function generateToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What lists show to recognise a token without revealing it. */
export function displayPrefix(token: string): string {
  const sep = token.indexOf('_');
  return token.slice(0, sep + 1 + 6);
}

export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
