/**
 * How a task container's state is read when the engine answers badly: Podman 4.3 fails an
 * inspect that races the container's process exiting ("read /proc/<pid>/cgroup: no such
 * process", seen once in CI) — asked again, the container says it exited.
 */
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { DockerJobRunner, RUN_LABEL, runContainerName } from './run-job';

const raced = Object.assign(new Error('(HTTP code 500) server error - read /proc/3542/cgroup: no such process'), { statusCode: 500, json: { message: 'read /proc/3542/cgroup: no such process' } });
const other = Object.assign(new Error('(HTTP code 500) server error - database is locked'), { statusCode: 500, json: { message: 'database is locked' } });

function runnerAnswering(answers: (Error | 'exited')[]) {
  const asked: string[] = [];
  const docker = {
    getContainer: (name: string) => ({
      inspect: async () => {
        asked.push(name);
        const next = answers.shift();
        if (next instanceof Error) throw next;
        return { Config: { Labels: { [RUN_LABEL]: 'run-1' } }, State: { Status: 'exited', Running: false, Restarting: false, ExitCode: 3 } };
      },
    }),
  } as unknown as Docker;
  return { runner: new DockerJobRunner(docker, { extraLabels: {}, ensureImage: async () => {}, socketPath: '/nowhere' }), asked };
}

describe('task container state', () => {
  it('asks again when the inspect raced the process exiting', async () => {
    const { runner, asked } = runnerAnswering([raced, 'exited']);
    expect(await runner.state('run-1')).toEqual({ state: 'exited', exitCode: 3 });
    expect(asked).toEqual([runContainerName('run-1'), runContainerName('run-1')]);
  });

  it('gives up after three such answers, and at once on any other engine error', async () => {
    await expect(runnerAnswering([raced, raced, raced, 'exited']).runner.state('run-1')).rejects.toThrow(/could not say how the task runs: read \/proc/);
    const once = runnerAnswering([other, 'exited']);
    await expect(once.runner.state('run-1')).rejects.toThrow(/database is locked/);
    expect(once.asked).toHaveLength(1);
  });
});
