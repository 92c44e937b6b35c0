import { config } from '@/lib/config';
import { KeyRing, loadKeyRing } from './keyring';

export { KeyRing } from './keyring';
export * from './tokens';

const g = globalThis as unknown as { __gantryKeyRing?: KeyRing };

export function keyRing(): KeyRing {
  if (!g.__gantryKeyRing) {
    const c = config();
    g.__gantryKeyRing = loadKeyRing(c.GANTRY_SECRET_KEY, c.dataDir);
  }
  return g.__gantryKeyRing;
}

export function setKeyRingForTests(ring: KeyRing) {
  g.__gantryKeyRing = ring;
}
