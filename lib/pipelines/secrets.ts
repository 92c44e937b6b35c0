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

/** The label of one secret output of one step attempt: bound to the attempt's row and the output name. */
export function stepOutputLabel(stepRowId: string, name: string) {
  return `pipeline-step-output:${stepRowId}:${name}`;
}

/** Secret outputs as stored on the step row: name → ciphertext (names are not secret: the run page says "set"). */
export function sealStepOutputs(stepRowId: string, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, v]) => [name, keyRing().encrypt(v, stepOutputLabel(stepRowId, name))]));
}

export function openStepOutputs(stepRowId: string, sealed: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(sealed).map(([name, c]) => [name, keyRing().decrypt(c, stepOutputLabel(stepRowId, name))]));
}
