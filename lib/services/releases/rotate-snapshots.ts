import { eq, isNotNull, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { release, type ReleaseConfigEntry, type ReleaseConnectionEntry } from '@/db/schema';
import type { KeyRing } from '@/lib/crypto';
import { credentialSecretLabel } from '@/lib/marketplace/credential-label';
import { configSecretLabel } from '../configs/config-secret';

/**
 * `secrets:rotate` for what releases froze: the secret config values and connection values
 * of every release, re-encrypted under the current key with the label they were bound to
 * (the config row's or the credential row's id — rows that may be gone by now). Without this,
 * dropping the old key would leave every earlier release impossible to roll back to. The
 * snapshot hash is left as it was: it only decides reuse, and a rotated live row never
 * matches an old snapshot anyway.
 */
export async function rotateReleaseSnapshots(db: Db, ring: KeyRing) {
  let rotated = 0;
  let current = 0;
  const failed: string[] = [];
  const rows = await db
    .select({ id: release.id, config: release.config, connections: release.connections })
    .from(release)
    .where(or(isNotNull(release.config), isNotNull(release.connections)));
  for (const row of rows) {
    let changed = false;
    const again = (ciphertext: string, label: string, what: string) => {
      if (!ring.isStale(ciphertext)) {
        current++;
        return ciphertext;
      }
      try {
        const next = ring.encrypt(ring.decrypt(ciphertext, label), label);
        changed = true;
        rotated++;
        return next;
      } catch {
        failed.push(`release ${row.id} ${what}`);
        return ciphertext;
      }
    };
    const config = row.config?.map((c): ReleaseConfigEntry => (c.secret && c.valueCiphertext ? { ...c, valueCiphertext: again(c.valueCiphertext, configSecretLabel(c.configId), `config ${c.key}`) } : c)) ?? null;
    const connections =
      row.connections?.map(
        (c): ReleaseConnectionEntry => ({
          ...c,
          values: c.values.map((v) => (v.secret && v.valueCiphertext && v.credentialId ? { ...v, valueCiphertext: again(v.valueCiphertext, credentialSecretLabel(v.credentialId), `connection ${c.name}.${v.key}`) } : v)),
        }),
      ) ?? null;
    if (changed) await db.update(release).set({ config, connections }).where(eq(release.id, row.id));
  }
  return { rotated, current, failed };
}
