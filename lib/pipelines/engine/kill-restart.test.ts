/**
 * kill -9 of the console during a pipeline run: a child process runs the job engine, starts
 * the first step's container and stores its first log line; the test kills it with SIGKILL.
 * A new engine (this process) re-attaches to the step container by its id, follows it to its
 * end (the log stored once), runs the next step and finishes the run; nothing is left behind.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import type { testEngine } from '@/lib/jobs/testing';
import { createPipeline } from '@/lib/services/pipelines/create-pipeline';
import { getRun } from '@/lib/services/pipelines/runs';
import { startRun } from '@/lib/services/pipelines/start-run';
import { stepLogs } from '@/lib/services/pipelines/step-logs';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { restartableDatabase, restartedEngine, startConsoleEngine, type RestartableDatabase } from '@/lib/testing/console-process';
import { podmanEnv } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { runSettled, shellImageIn } from '../testing';

const run = randomUUID().slice(0, 8);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-pl-kill-'));
const engineDir = path.join(tmp, 'engine');
let world: RestartableDatabase;
let reg: TestRegistry;
let image: string;
let jobs: Awaited<ReturnType<typeof testEngine>> | undefined;
let d: Database | undefined;
let console1: Awaited<ReturnType<typeof startConsoleEngine>> | undefined;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
  [world, reg] = await Promise.all([restartableDatabase(tmp), startRegistry({ auth: 'anonymous' })]);
  image = await shellImageIn(reg.host);
}, 180_000);

afterAll(async () => {
  await console1?.kill();
  await jobs?.stop();
  await d?.close();
  await reg?.stop();
  await world?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('kill -9 of the console during a pipeline run', () => {
  it('re-attaches to the running step, stores its log once, and finishes the run', async () => {
    let id: string;
    {
      const setup = await world.open();
      await orgWithMembers(setup.db, 'acme');
      const yaml = `steps:\n  - name: slow\n    image: ${image}\n    inlineScript: |\n      echo started\n      sleep 4\n      echo finished\n  - name: second\n    image: ${image}\n    inlineScript: echo second\n`;
      await createPipeline(system(setup.db), { org: 'acme', name: 'slow', source: { kind: 'inline', yaml } });
      id = (await startRun(system(setup.db), { org: 'acme', pipeline: 'slow' })).id;
      await setup.close();
    }
    console1 = await startConsoleEngine({ db: world, engineDir, run, watch: id, watchKind: 'pipeline-run' });
    expect(await console1.kill()).toBe('SIGKILL');

    d = await world.open();
    const ctx = system(d.db);
    const before = await getRun(ctx, { org: 'acme', pipeline: 'slow', run: id });
    expect(before.status).toBe('running');
    expect(before.steps.map((s) => s.status)).toEqual(['running', 'pending']);
    jobs = await restartedEngine(d, { engineDir, run });
    const row = await runSettled(d.db, id);
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    const after = await getRun(ctx, { org: 'acme', pipeline: 'slow', run: id });
    expect(after.steps.map((s) => [s.stepId, s.attempt, s.status, s.exitCode])).toEqual([
      ['slow', 1, 'succeeded', 0],
      ['second', 1, 'succeeded', 0],
    ]);
    const logs = await stepLogs(ctx, { org: 'acme', pipeline: 'slow', run: id, step: 'slow' });
    expect(logs.lines.map((l) => [l.seq, l.text])).toEqual([
      [0, 'started'],
      [1, 'finished'],
    ]);
    expect(execFileSync('podman', ['ps', '-aq', '--filter', `label=gantry.pipeline-run=${id}`], { env: podmanEnv() }).toString().trim()).toBe('');
    expect(execFileSync('podman', ['volume', 'ls', '-q', '--filter', `label=gantry.pipeline-run=${id}`], { env: podmanEnv() }).toString().trim()).toBe('');
  }, 300_000);
});
