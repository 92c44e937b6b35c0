/**
 * The conformance suite on the local engine, for real: every case of ./cases.ts runs on Podman
 * through the services and the job engine, and its run status, step statuses, attempts, exit
 * codes and log lines are compared with what the case expects. The Argo compiler's tests
 * compile the same cases (lib/pipelines/argo), so both engines answer to one list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { logChunk } from '@/db/schema';
import { testDatabase } from '@/db/testing';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { testEngine } from '@/lib/jobs/testing';
import type { ServiceContext } from '@/lib/services/context';
import { createPipeline } from '@/lib/services/pipelines/create-pipeline';
import { setSecret, setVariable } from '@/lib/services/pipelines/inputs';
import { getRun } from '@/lib/services/pipelines/runs';
import { startRun } from '@/lib/services/pipelines/start-run';
import { stepLogs } from '@/lib/services/pipelines/step-logs';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { runSettled, shellImageIn } from '../testing';
import { conformanceCases, type ConformanceCase } from './cases';

let d: Database;
let reg: TestRegistry;
let jobs: Awaited<ReturnType<typeof testEngine>>;
let pe: ServiceContext;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 5)]));
  d = await testDatabase();
  reg = await startRegistry({ auth: 'anonymous' });
  // Cases name no image: the engine's default step image is the test shell image.
  const image = await shellImageIn(reg.host);
  pe = (await orgWithMembers(d.db, 'acme')).users['platform-engineer'];
  jobs = await testEngine(d.db, { pipelineDefaultImage: image });
}, 240_000);

afterAll(async () => {
  await jobs?.stop();
  await reg?.stop();
  await d?.close();
});

async function run(c: ConformanceCase) {
  const pipeline = c.name;
  await createPipeline(pe, { org: 'acme', name: pipeline, source: { kind: 'inline', yaml: c.yaml } });
  for (const [name, value] of Object.entries(c.variables ?? {})) await setVariable(pe, { org: 'acme', pipeline, name, value });
  for (const [name, value] of Object.entries(c.secrets ?? {})) await setSecret(pe, { org: 'acme', pipeline, name, value });
  const started = await startRun(pe, { org: 'acme', pipeline, parameters: c.parameters ?? {} });
  await runSettled(d.db, started.id, undefined, 240_000);
  return { pipeline, runId: started.id, view: await getRun(pe, { org: 'acme', pipeline, run: started.id }) };
}

describe('conformance cases on the local engine (Podman)', () => {
  // Cases run one after another: several at once would measure the machine, not the engine.
  for (const c of conformanceCases) {
    it(`${c.name}: ${c.about}`, async () => {
      const { pipeline, runId, view } = await run(c);
      expect(view.status).toBe(c.expect.run);
      // The last attempt of each step decides its status.
      const last = new Map<string, (typeof view.steps)[number]>();
      for (const s of view.steps) if ((last.get(s.stepId)?.attempt ?? 0) <= s.attempt) last.set(s.stepId, s);
      expect(Object.fromEntries([...last].map(([id, s]) => [id, s.status]))).toEqual(c.expect.steps);
      for (const [id, n] of Object.entries(c.expect.attempts ?? {})) expect(view.steps.filter((s) => s.stepId === id)).toHaveLength(n);
      for (const [id, code] of Object.entries(c.expect.exitCodes ?? {})) expect(last.get(id)?.exitCode).toBe(code);
      for (const [id, texts] of Object.entries(c.expect.logs ?? {})) {
        const lines = (await stepLogs(pe, { org: 'acme', pipeline, run: runId, step: id })).lines.map((l) => l.text).join('\n');
        for (const t of texts) expect(lines).toContain(t);
      }
      if (c.expect.never?.length) {
        const stored = JSON.stringify(await d.db.select().from(logChunk));
        const answered = JSON.stringify(view);
        for (const secret of c.expect.never) {
          expect(stored).not.toContain(secret);
          expect(answered).not.toContain(secret);
        }
      }
    }, 300_000);
  }
});
