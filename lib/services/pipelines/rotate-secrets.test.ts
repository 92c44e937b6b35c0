import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { pipeline, pipelineRun, pipelineSecret, pipelineStep, pipelineVersion } from '@/db/schema';
import { testDatabase } from '@/db/testing';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { openGitCredentials, sealGitCredentials } from '@/lib/pipelines/git';
import { openStepOutputs, pipelineInputs, sealStepOutputs } from '@/lib/pipelines/secrets';
import { rotateSecrets } from '@/lib/services/registries/rotate-secrets';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { createPipeline } from './create-pipeline';
import { setSecret } from './inputs';

/**
 * `secrets:rotate` covers pipelines: pipeline secrets, Git credentials and secret step outputs
 * are re-encrypted under the new key, and with only the new key left they still open. (A run
 * on Podman getting both after such a rotation: lib/pipelines/engine/secret-outputs.test.ts.)
 */
let d: Database;
const oldKey = Buffer.alloc(32, 21);
const newKey = Buffer.alloc(32, 22);
const keyId = (c: string) => c.split('.')[1];

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([oldKey]));
  d = await testDatabase();
});
afterAll(async () => d?.close());

describe('secrets:rotate and pipelines', () => {
  it('re-encrypts pipeline secrets, Git credentials and secret step outputs; only the new key is needed afterwards', async () => {
    const fx = await orgWithMembers(d.db, 'acme');
    const pe = fx.users['platform-engineer'];
    await createPipeline(pe, { org: 'acme', name: 'p', source: { kind: 'inline', yaml: 'steps:\n  - name: a\n    inlineScript: echo\n' } });
    await setSecret(pe, { org: 'acme', pipeline: 'p', name: 'TOKEN', value: 'tok-Value-1234' });
    const [p] = await d.db.select().from(pipeline).where(eq(pipeline.name, 'p'));
    await d.db.update(pipeline).set({ gitCredentialCiphertext: sealGitCredentials(p.id, { username: 'bot', password: 'git-Pass-5678' }) }).where(eq(pipeline.id, p.id));
    const [v] = await d.db.select().from(pipelineVersion).where(eq(pipelineVersion.pipelineId, p.id));
    const [run] = await d.db.insert(pipelineRun).values({ organizationId: p.organizationId, pipelineId: p.id, versionId: v.id, version: 1, number: 1, trigger: 'user', triggeredByLabel: 'test', status: 'succeeded' }).returning();
    const [step] = await d.db.insert(pipelineStep).values({ runId: run.id, group: 0, index: 0, stepId: 'a', name: 'a', status: 'succeeded' }).returning();
    await d.db.update(pipelineStep).set({ secretOutputs: sealStepOutputs(step.id, { pw: 'gen-Pw-9999', other: 'gen-Other-0000' }) }).where(eq(pipelineStep.id, step.id));

    setKeyRingForTests(new KeyRing([newKey, oldKey]));
    const r = await rotateSecrets(system(d.db));
    expect(r.failed).toEqual([]);
    expect(r.rotated).toBe(4);
    expect((await rotateSecrets(system(d.db))).rotated).toBe(0);

    const ring = new KeyRing([newKey]);
    setKeyRingForTests(ring);
    const [s] = await d.db.select().from(pipelineSecret).where(eq(pipelineSecret.pipelineId, p.id));
    const [p2] = await d.db.select().from(pipeline).where(eq(pipeline.id, p.id));
    const [step2] = await d.db.select().from(pipelineStep).where(eq(pipelineStep.id, step.id));
    expect([s.valueCiphertext, p2.gitCredentialCiphertext!, ...Object.values(step2.secretOutputs)].map(keyId)).toEqual(Array(4).fill(ring.currentKeyId));
    expect((await pipelineInputs(d.db, p.id)).secrets).toEqual({ TOKEN: 'tok-Value-1234' });
    expect(openGitCredentials(p.id, p2.gitCredentialCiphertext)).toEqual({ username: 'bot', password: 'git-Pass-5678' });
    expect(openStepOutputs(step.id, step2.secretOutputs)).toEqual({ pw: 'gen-Pw-9999', other: 'gen-Other-0000' });
  });

  it('reports what no key opens (a step output sealed under a key that is gone) and leaves it as it was', async () => {
    const [step] = await d.db.select().from(pipelineStep).limit(1);
    setKeyRingForTests(new KeyRing([Buffer.alloc(32, 23)]));
    const lost = sealStepOutputs(step.id, { pw: 'lost-Pw-1111' });
    await d.db.update(pipelineStep).set({ secretOutputs: lost }).where(eq(pipelineStep.id, step.id));
    setKeyRingForTests(new KeyRing([newKey]));
    const r = await rotateSecrets(system(d.db));
    expect(r.failed).toEqual([`pipeline step ${step.id} output pw`]);
    const [after] = await d.db.select().from(pipelineStep).where(eq(pipelineStep.id, step.id));
    expect(after.secretOutputs).toEqual(lost);
  });
});
