/**
 * Pipelines on real Podman, through the services and the job engine: parallel steps share
 * /workspace, outputs become arguments, `when` false → Skipped, a retry succeeds on the
 * second attempt, continueOn, exit code 3, step timeout and run deadline, Stop within the
 * grace period, secrets absent from stored logs and responses, nothing left behind.
 */
import { execFileSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { logChunk, pipelineStep } from '@/db/schema';
import { testDatabase } from '@/db/testing';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { testEngine } from '@/lib/jobs/testing';
import { createPipeline } from '@/lib/services/pipelines/create-pipeline';
import { setSecret, setVariable } from '@/lib/services/pipelines/inputs';
import { getRun } from '@/lib/services/pipelines/runs';
import { startRun } from '@/lib/services/pipelines/start-run';
import { followStepLogs, stepLogs } from '@/lib/services/pipelines/step-logs';
import { stopRun } from '@/lib/services/pipelines/stop-run';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import type { ServiceContext } from '@/lib/services/context';
import { podmanEnv } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { runSettled, shellImageIn } from '../testing';

const SECRET = 'hunter2-Very-Secret';
let d: Database;
let reg: TestRegistry;
let jobs: Awaited<ReturnType<typeof testEngine>>;
let pe: ServiceContext;
let image: string;
let n = 0;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
  d = await testDatabase();
  reg = await startRegistry({ auth: 'anonymous' });
  image = await shellImageIn(reg.host);
  const fx = await orgWithMembers(d.db, 'acme');
  pe = fx.users['platform-engineer'];
  jobs = await testEngine(d.db);
}, 180_000);

afterAll(async () => {
  await jobs?.stop();
  await reg?.stop();
  await d?.close();
});

async function pipelineRun(yaml: string, opts: { secrets?: Record<string, string>; variables?: Record<string, string>; parameters?: Record<string, string> } = {}) {
  const name = `p${++n}`;
  await createPipeline(pe, { org: 'acme', name, source: { kind: 'inline', yaml: yaml.replaceAll('IMAGE', image) } });
  for (const [k, v] of Object.entries(opts.variables ?? {})) await setVariable(pe, { org: 'acme', pipeline: name, name: k, value: v });
  for (const [k, v] of Object.entries(opts.secrets ?? {})) await setSecret(pe, { org: 'acme', pipeline: name, name: k, value: v });
  const started = await startRun(pe, { org: 'acme', pipeline: name, parameters: opts.parameters ?? {} });
  return { name, id: started.id };
}

async function finished(name: string, id: string) {
  await runSettled(d.db, id);
  return getRun(pe, { org: 'acme', pipeline: name, run: id });
}

const logText = async (name: string, id: string, step: string, attempt?: number) => (await stepLogs(pe, { org: 'acme', pipeline: name, run: id, step, attempt })).lines.map((l) => l.text);

function leftovers(runId: string) {
  const ps = execFileSync('podman', ['ps', '-aq', '--filter', `label=gantry.pipeline-run=${runId}`], { env: podmanEnv() }).toString().trim();
  const vols = execFileSync('podman', ['volume', 'ls', '-q', '--filter', `label=gantry.pipeline-run=${runId}`], { env: podmanEnv() }).toString().trim();
  return { ps, vols };
}

describe('pipelines on Podman', () => {
  it('runs groups in parallel on a shared /workspace, passes outputs as arguments, skips on when, masks secrets, leaves nothing behind', async () => {
    const { name, id } = await pipelineRun(
      `
parameters:
  - name: target
    default: dev
    enum: [dev, prod]
steps:
  - - name: left
      image: IMAGE
      inlineScript: |
        echo left > /workspace/left.txt
        echo "token is {{SECRETS.TOKEN}}"
        echo "{{SECRETS.TOKEN}}" | base64
    - name: right
      image: IMAGE
      inlineScript: echo right > /workspace/right.txt
  - name: join
    image: IMAGE
    env:
      - name: GREETING
        value: "{{VARIABLES.GREETING}}"
    inlineScript: |
      cat /workspace/left.txt /workspace/right.txt
      echo "$GREETING {{arguments.parameters.target}}"
      printf joined > /tmp/out
    outputs:
      parameters:
        - name: result
          valueFrom: { path: /tmp/out }
  - - name: use
      template: show
      arguments:
        parameters:
          - name: word
            value: "{{steps.join.outputs.parameters.result}}"
    - name: never
      image: IMAGE
      when: "{{steps.join.outputs.parameters.result}} == other"
      inlineScript: echo should not run
templates:
  - name: show
    image: IMAGE
    inputs: { parameters: [{ name: word }] }
    inlineScript: echo "got {{inputs.parameters.word}}"
`,
      { secrets: { TOKEN: SECRET }, variables: { GREETING: 'hello' }, parameters: { target: 'prod' } },
    );
    const run = await finished(name, id);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['left', 'succeeded'],
      ['right', 'succeeded'],
      ['join', 'succeeded'],
      ['use', 'succeeded'],
      ['never', 'skipped'],
    ]);
    // The two steps of the first group overlapped in time.
    const [left, right] = run.steps;
    expect(Date.parse(left.startedAt!)).toBeLessThan(Date.parse(right.finishedAt!));
    expect(Date.parse(right.startedAt!)).toBeLessThan(Date.parse(left.finishedAt!));
    expect(await logText(name, id, 'join')).toEqual(['left', 'right', 'hello prod']);
    expect(run.steps[2].outputs).toEqual({ result: 'joined' });
    expect(await logText(name, id, 'use')).toEqual(['got joined']);
    expect(await logText(name, id, 'left')).toEqual(['token is ***', '***']);
    // Secrets: not in any stored log row, not in any response.
    const rows = await d.db.select().from(logChunk);
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    expect(JSON.stringify(rows)).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 12));
    expect(JSON.stringify(run)).not.toContain(SECRET);
    // The SSE source replays the same masked lines and ends for a finished run.
    const seen: string[] = [];
    for await (const l of await followStepLogs(pe, { org: 'acme', pipeline: name, run: id, step: 'left' }, new AbortController().signal)) seen.push(l.text);
    expect(seen).toEqual(['token is ***', '***']);
    expect(leftovers(id)).toEqual({ ps: '', vols: '' });
  }, 180_000);

  it('retries to success, continues on failure, shows exit code 3, fails the run on an untolerated failure', async () => {
    const { name, id } = await pipelineRun(`
steps:
  - name: flaky
    image: IMAGE
    retryStrategy: { limit: 2 }
    inlineScript: |
      if [ -f /workspace/tried ]; then echo second; exit 0; fi
      touch /workspace/tried; echo first; exit 1
  - name: tolerated
    image: IMAGE
    continueOn: { failed: true }
    inlineScript: exit 3
  - name: fatal
    image: IMAGE
    inlineScript: echo bye; exit 3
  - name: after
    image: IMAGE
    inlineScript: echo never
`);
    const run = await finished(name, id);
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/Step "fatal" failed: Exited with code 3/);
    expect(run.steps.map((s) => [s.stepId, s.attempt, s.status, s.exitCode])).toEqual([
      ['flaky', 1, 'failed', 1],
      ['flaky', 2, 'succeeded', 0],
      ['tolerated', 1, 'failed', 3],
      ['fatal', 1, 'failed', 3],
      ['after', 1, 'skipped', null],
    ]);
    expect(await logText(name, id, 'flaky', 1)).toEqual(['first']);
    expect(await logText(name, id, 'flaky')).toEqual(['second']);
    expect(leftovers(id)).toEqual({ ps: '', vols: '' });
  }, 180_000);

  it('times a step out, and a run past its deadline', async () => {
    const a = await pipelineRun(`
steps:
  - name: slow
    image: IMAGE
    timeout: 2s
    inlineScript: sleep 60
`);
    const ra = await finished(a.name, a.id);
    expect(ra.status).toBe('failed');
    expect(ra.steps[0]).toMatchObject({ status: 'timed_out' });
    const b = await pipelineRun(`
timeout: 3s
steps:
  - name: slow
    image: IMAGE
    inlineScript: sleep 60
  - name: next
    image: IMAGE
    inlineScript: echo never
`);
    const t0 = Date.now();
    const rb = await finished(b.name, b.id);
    expect(rb.status).toBe('timed_out');
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(rb.steps.map((s) => s.status)).toEqual(['timed_out', 'skipped']);
    expect(leftovers(b.id)).toEqual({ ps: '', vols: '' });
  }, 120_000);

  it('stops a running run within the grace period: running steps Stopped, pending ones Skipped', async () => {
    const { name, id } = await pipelineRun(`
steps:
  - name: long
    image: IMAGE
    inlineScript: |
      echo started
      sleep 300
  - name: later
    image: IMAGE
    inlineScript: echo never
`);
    await runSettled(d.db, id, (r) => r.status === 'running');
    for (let i = 0; ; i++) {
      const [s] = await d.db.select().from(pipelineStep).where(eq(pipelineStep.runId, id));
      if (s.logLines >= 1) break;
      if (i > 600) throw new Error('the step never logged');
      await new Promise((r) => setTimeout(r, 50));
    }
    const t0 = Date.now();
    await stopRun(pe, { org: 'acme', pipeline: name, run: id });
    const run = await finished(name, id);
    // Grace is 1 s in the test engine; a PID-1 shell ignores SIGTERM, so this is the kill.
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(run.status).toBe('stopped');
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['long', 'stopped'],
      ['later', 'skipped'],
    ]);
    expect(leftovers(id)).toEqual({ ps: '', vols: '' });
  }, 120_000);
});
