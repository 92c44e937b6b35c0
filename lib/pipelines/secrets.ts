import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { pipelineSecret, pipelineVariable } from '@/db/schema';
import { keyRing } from '@/lib/crypto';

/** The AES-GCM associated label of a pipeline secret: a ciphertext moved to another pipeline or name does not decrypt. */
export function pipelineSecretLabel(pipelineId: string, name: string) {
  return `pipeline-secret:${pipelineId}:${name}`;
}

export function encryptPipelineSecret(pipelineId: string, name: string, value: string) {
  return keyRing().encrypt(value, pipelineSecretLabel(pipelineId, name));
}

/** Variables and decrypted secrets of a pipeline: the engine's path only, never a response. */
export async function pipelineInputs(db: Db, pipelineId: string) {
  const vars = await db.select({ name: pipelineVariable.name, value: pipelineVariable.value }).from(pipelineVariable).where(eq(pipelineVariable.pipelineId, pipelineId));
  const secrets = await db.select({ name: pipelineSecret.name, c: pipelineSecret.valueCiphertext }).from(pipelineSecret).where(eq(pipelineSecret.pipelineId, pipelineId));
  return {
    variables: Object.fromEntries(vars.map((v) => [v.name, v.value])),
    secrets: Object.fromEntries(secrets.map((s) => [s.name, keyRing().decrypt(s.c, pipelineSecretLabel(pipelineId, s.name))])),
  };
}
