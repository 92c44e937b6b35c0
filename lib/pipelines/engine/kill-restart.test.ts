/**
 * kill -9 of the console during a pipeline run: a child process runs the job engine, starts
 * the first step's container and stores its first log line; the test kills it with SIGKILL.
 * A new engine (this process) re-attaches to the step container by its id, follows it to its
 * end (the log stored once), runs the next step and finishes the run; nothing is left behind.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { createPipeline } from '@/lib/services/pipelines/create-pipeline';
import { getRun } from '@/lib/services/pipelines/runs';
import { startRun } from '@/lib/services/pipelines/start-run';
import { stepLogs } from '@/lib/services/pipelines/step-logs';
import { orgWithMembers, system } from '@/lib/services/testing/fixtures';
import { killRestartScene } from '@/lib/testing/console-process';
import { podmanEnv } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { runSettled, shellImageIn } from '../testing';

let scene: Awaited<ReturnType<typeof killRestartScene>>;
let reg: TestRegistry;
let image: string;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
  [scene, reg] = await Promise.all([killRestartScene('pl-kill'), startRegistry({ auth: 'anonymous' })]);
  image = await shellImageIn(reg.host);
}, 180_000);

afterAll(async () => {
  await scene?.cleanup();
  await reg?.stop();
});

describe('kill -9 of the console during a pipeline run', () => {
  it('re-attaches to the running step, stores its log once, and finishes the run', async () => {
    let id: string;
    {
      const setup = await scene.reopen();
      await orgWithMembers(setup.db, 'acme');
      const yaml = `steps:\n  - name: slow\n    image: ${image}\n    inlineScript: |\n      echo started\n      sleep 4\n      echo finished\n  - name: second\n    image: ${image}\n    inlineScript: echo second\n`;
      await createPipeline(system(setup.db), { org: 'acme', name: 'slow', source: { kind: 'inline', yaml } });
      id = (await startRun(system(setup.db), { org: 'acme', pipeline: 'slow' })).id;
      await scene.stop();
    }
    const console1 = await scene.startConsole(id, 'pipeline-run');
    expect(await console1.kill()).toBe('SIGKILL');

    const d = await scene.reopen();
    const ctx = system(d.db);
    const before = await getRun(ctx, { org: 'acme', pipeline: 'slow', run: id });
    expect(before.status).toBe('running');
    expect(before.steps.map((s) => s.status)).toEqual(['running', 'pending']);
    await scene.restart();
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
