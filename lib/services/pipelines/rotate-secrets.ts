import { eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { pipeline, pipelineSecret, pipelineStep } from '@/db/schema';
import type { KeyRing } from '@/lib/crypto';
import { gitCredentialLabel } from '@/lib/pipelines/git/credentials';
import { pipelineSecretLabel, stepOutputLabel } from '@/lib/pipelines/secrets';

/**
 * `secrets:rotate` for pipelines: pipeline secrets (bound to pipeline id + name), Git
 * credentials (bound to the pipeline id) and the secret outputs steps stored (bound to the
 * step row + output name — a run resumed after a restart decrypts them). Each row rewritten on
 * its own; what no key opens is reported, not guessed at.
 */
export async function rotatePipelineSecrets(db: Db, ring: KeyRing) {
  let rotated = 0;
  let current = 0;
  const failed: string[] = [];
  /** The ciphertext under the current key (or as it was, counted as failed). */
  const again = (ciphertext: string, label: string, what: string) => {
    if (!ring.isStale(ciphertext)) {
      current++;
      return undefined;
    }
    try {
      const next = ring.encrypt(ring.decrypt(ciphertext, label), label);
      rotated++;
      return next;
    } catch {
      failed.push(what);
      return undefined;
    }
  };

  for (const s of await db.select({ id: pipelineSecret.id, pipelineId: pipelineSecret.pipelineId, name: pipelineSecret.name, c: pipelineSecret.valueCiphertext }).from(pipelineSecret)) {
    const next = again(s.c, pipelineSecretLabel(s.pipelineId, s.name), `pipeline secret ${s.pipelineId} ${s.name}`);
    if (next) await db.update(pipelineSecret).set({ valueCiphertext: next }).where(eq(pipelineSecret.id, s.id));
  }
  for (const p of await db.select({ id: pipeline.id, c: pipeline.gitCredentialCiphertext }).from(pipeline).where(isNotNull(pipeline.gitCredentialCiphertext))) {
    const next = again(p.c!, gitCredentialLabel(p.id), `pipeline git credentials ${p.id}`);
    if (next) await db.update(pipeline).set({ gitCredentialCiphertext: next }).where(eq(pipeline.id, p.id));
  }
  const steps = await db.select({ id: pipelineStep.id, sealed: pipelineStep.secretOutputs }).from(pipelineStep).where(ne(pipelineStep.secretOutputs, sql`'{}'::jsonb`));
  for (const s of steps) {
    let changed = false;
    const sealed = Object.fromEntries(
      Object.entries(s.sealed).map(([name, c]) => {
        const next = again(c, stepOutputLabel(s.id, name), `pipeline step ${s.id} output ${name}`);
        if (next) changed = true;
        return [name, next ?? c];
      }),
    );
    if (changed) await db.update(pipelineStep).set({ secretOutputs: sealed }).where(eq(pipelineStep.id, s.id));
  }
  return { rotated, current, failed };
}
