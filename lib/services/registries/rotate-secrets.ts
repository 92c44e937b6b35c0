import { eq, isNotNull } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { componentConfig, containerRegistry, dataPlane, marketplaceCredential } from '@/db/schema';
import { keyRing } from '@/lib/crypto';
import { planeSecretLabel } from '@/lib/dataplane/drivers';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { configSecretLabel } from '../configs/config-secret';
import { credentialSecretLabel } from '@/lib/marketplace/credential-label';
import { rotatePipelineSecrets } from '../pipelines/rotate-secrets';
import { rotateReleaseSnapshots } from '../releases/rotate-snapshots';
import { secretLabel } from './secret';

/** Every encrypted column, with the additional-data label its rows are bound to. */
const secretColumns: { name: string; table: PgTable; id: PgColumn; secret: PgColumn; field: string; label: (id: string) => string }[] = [
  { name: 'registry', table: containerRegistry, id: containerRegistry.id, secret: containerRegistry.secretCiphertext, field: 'secretCiphertext', label: secretLabel },
  { name: 'config', table: componentConfig, id: componentConfig.id, secret: componentConfig.valueCiphertext, field: 'valueCiphertext', label: configSecretLabel },
  { name: 'data plane', table: dataPlane, id: dataPlane.id, secret: dataPlane.secretCiphertext, field: 'secretCiphertext', label: planeSecretLabel },
  { name: 'marketplace credential', table: marketplaceCredential, id: marketplaceCredential.id, secret: marketplaceCredential.valueCiphertext, field: 'valueCiphertext', label: credentialSecretLabel },
];

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
  for (const col of secretColumns) {
    const rows = (await ctx.db.select({ id: col.id, secret: col.secret }).from(col.table).where(isNotNull(col.secret))) as { id: string; secret: string }[];
    for (const row of rows) {
      if (!ring.isStale(row.secret)) {
        current++;
        continue;
      }
      let plaintext: string;
      try {
        plaintext = ring.decrypt(row.secret, col.label(row.id));
      } catch {
        failed.push(`${col.name} ${row.id}`);
        continue;
      }
      await ctx.db
        .update(col.table)
        .set({ [col.field]: ring.encrypt(plaintext, col.label(row.id)) })
        .where(eq(col.id, row.id));
      rotated++;
    }
  }
  // What releases froze (config and connection values), so earlier releases still deploy.
  const frozen = await rotateReleaseSnapshots(ctx.db, ring);
  // Pipeline secrets, Git credentials and secret step outputs (label by name / row + name).
  const pipelines = await rotatePipelineSecrets(ctx.db, ring);
  return {
    rotated: rotated + frozen.rotated + pipelines.rotated,
    alreadyCurrent: current + frozen.current + pipelines.current,
    failed: [...failed, ...frozen.failed, ...pipelines.failed],
    keyId: ring.currentKeyId,
  };
}
