/**
 * Run-to-completion containers on a real Podman API service: arguments replace CMD, the
 * exit code is the container's, logs are split by stream, stop kills after the grace
 * period, and a run is found again by its id.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { ensureEngine, type EngineHandle } from '../engine/podman-service';
import type { JobLogLine, JobRunSpec, JobRunner } from '../types';
import { DockerDriver } from './driver';
import { newInstallationId } from '../installation';

const scope = randomUUID();
let dataDir: string;
let engine: EngineHandle;
let docker: Docker;
let runner: JobRunner;
let registry: TestRegistry;
const images: Record<string, string> = {};

function run(image: string, args: string[] = [], env: Record<string, string> = {}): JobRunSpec {
  return {
    runId: randomUUID(),
    args,
    timeoutSeconds: 60,
    workload: {
      identity: { org: 'acme', project: 'ops', component: 'job', environment: 'development', release: 'r1' },
      type: 'manual-task',
      image,
      pullAuth: { kind: 'none' },
      ports: [],
      env,
      files: [{ path: '/etc/job.conf', content: 'from config' }],
    },
  };
}

async function collect(id: string, skip = 0) {
  const lines: JobLogLine[] = [];
  await runner.follow(id, { skip, onLine: (l) => lines.push(l) });
  return lines;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gantry-run-job-'));
  engine = await ensureEngine({ dataDir, dockerHost: '' });
  docker = new Docker({ socketPath: engine.socketPath });
  runner = new DockerDriver({ socketPath: engine.socketPath, installation: newInstallationId(), extraLabels: { 'gantry.test-run': scope } }).jobs();
  registry = await startRegistry({ auth: 'anonymous' });
  const publish = async (name: string, message: string, variant: 'task-args' | 'task-exit-3' | 'task-sleep') =>
    `${registry.host}/jobs/${name}@${(await pushImage(await buildTestImage({ message, variant }), `${registry.host}/jobs/${name}:1`)).digest}`;
  images.args = await publish('args', 'report job', 'task-args');
  images.fail = await publish('fail', 'failing job', 'task-exit-3');
  images.sleep = await publish('sleep', 'sleepy job', 'task-sleep');
}, 120_000);

afterAll(async () => {
  const left = await docker?.listContainers({ all: true, filters: JSON.stringify({ label: [`gantry.test-run=${scope}`] }) }).catch(() => []);
  await Promise.all((left ?? []).map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  await engine?.stop();
  await registry?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('run-to-completion containers', () => {
  it('passes arguments to the entrypoint in place of CMD, and exits 0', async () => {
    const spec = run(images.args, ['--date', 'two words']);
    await runner.start(spec);
    const [lines, code] = await Promise.all([collect(spec.runId), runner.wait(spec.runId)]);
    expect(code).toBe(0);
    expect(lines.map((l) => l.text)).toEqual(['report job', 'arg: --date', 'arg: two words', 'args: 2']);
    // Without arguments the image's CMD is what the entrypoint receives.
    const plain = run(images.args);
    await runner.start(plain);
    expect(await runner.wait(plain.runId)).toBe(0);
    expect((await collect(plain.runId)).map((l) => l.text)).toContain('arg: default-args');
    await runner.remove(spec.runId);
    expect(await runner.state(spec.runId)).toEqual({ state: 'absent' });
  });

  it('prepares a run ahead (created, not started) so that only the start remains, then starts it', async () => {
    const spec = run(images.args, ['prepared']);
    await runner.prepare!(spec);
    expect(await runner.state(spec.runId)).toEqual({ state: 'prepared' });
    await runner.prepare!(spec); // idempotent
    await runner.start(spec);
    const [lines, code] = await Promise.all([collect(spec.runId), runner.wait(spec.runId)]);
    expect(code).toBe(0);
    expect(lines.map((l) => l.text)).toEqual(['report job', 'arg: prepared', 'args: 1']);
    await runner.start(spec); // a started run is left as it is
    expect(await runner.state(spec.runId)).toEqual({ state: 'exited', exitCode: 0 });
    await runner.remove(spec.runId);
  });

  it('reports exit code 3 and tells stdout from stderr; a re-follow can skip what was stored', async () => {
    const spec = run(images.fail);
    await runner.start(spec);
    expect(await runner.wait(spec.runId)).toBe(3);
    expect(await runner.state(spec.runId)).toEqual({ state: 'exited', exitCode: 3 });
    const lines = await collect(spec.runId);
    expect(lines).toEqual([
      { stream: 'stdout', text: 'failing job' },
      { stream: 'stderr', text: 'failing on purpose' },
    ]);
    expect(await collect(spec.runId, 1)).toEqual([{ stream: 'stderr', text: 'failing on purpose' }]);
    // Starting the same run again leaves it as it is.
    await runner.start(spec);
    expect(await runner.state(spec.runId)).toEqual({ state: 'exited', exitCode: 3 });
  });

  it('stops a container that ignores SIGTERM once the grace period is over', async () => {
    const spec = run(images.sleep);
    await runner.start(spec);
    expect(await runner.state(spec.runId)).toEqual({ state: 'running' });
    const started = Date.now();
    await runner.stop(spec.runId, 1);
    const code = await runner.wait(spec.runId);
    expect(code).toBe(137);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
