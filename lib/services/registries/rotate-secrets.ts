import { eq, isNotNull } from 'drizzle-orm';
import { containerRegistry } from '@/db/schema';
import { keyRing } from '@/lib/crypto';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { secretLabel } from './secret';

/**
 * Re-encrypts every stored secret that is not under the newest key of GANTRY_SECRET_KEY
 * (`npm run secrets:rotate`). Each row is rewritten on its own; rows no key can decrypt
 * are reported, not guessed at.
 */
export async function rotateSecrets(ctx: ServiceContext) {
  if (ctx.actor.type !== 'system') throw ServiceError.forbidden('Only the installer can rotate secrets.');
  const ring = keyRing();
  let rotated = 0;
  let current = 0;
  const failed: string[] = [];
  const rows = await ctx.db.select({ id: containerRegistry.id, secret: containerRegistry.secretCiphertext }).from(containerRegistry).where(isNotNull(containerRegistry.secretCiphertext));
  for (const row of rows) {
    if (!ring.isStale(row.secret!)) {
      current++;
      continue;
    }
    let plaintext: string;
    try {
      plaintext = ring.decrypt(row.secret!, secretLabel(row.id));
    } catch {
      failed.push(row.id);
      continue;
    }
    await ctx.db.update(containerRegistry).set({ secretCiphertext: ring.encrypt(plaintext, secretLabel(row.id)) }).where(eq(containerRegistry.id, row.id));
    rotated++;
  }
  return { rotated, alreadyCurrent: current, failed, keyId: ring.currentKeyId };
}
