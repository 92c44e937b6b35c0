import { describe, expect, it } from 'vitest';
import { readBack, runStatusOf, type ArgoWorkflowObject } from './status';

// Node shapes as Argo v3.5+/v4 writes them into status.nodes (steps template, Retry, Skipped, Pod).
function workflow(phase: string, message: string | undefined, nodes: Record<string, object>, shutdown?: string): ArgoWorkflowObject {
  return {
    metadata: { name: 'wf' },
    spec: shutdown ? { shutdown } : {},
    status: { phase, message, nodes: Object.fromEntries(Object.entries(nodes).map(([id, n]) => [id, { id, ...n }])) },
  };
}

describe('reading a Workflow back', () => {
  it('maps pods, retries, skipped steps and outputs', () => {
    const wf = workflow('Succeeded', undefined, {
      wf: { displayName: 'wf', type: 'Steps', phase: 'Succeeded', children: ['g0'] },
      g0: { displayName: '[0]', type: 'StepGroup', phase: 'Succeeded' },
      a: { displayName: 'build', type: 'Pod', phase: 'Succeeded', outputs: { exitCode: '0', parameters: [{ name: 'v', value: '1.2.3' }] }, startedAt: '2026-11-29T10:00:00Z', finishedAt: '2026-11-29T10:00:05Z' },
      r: { displayName: 'flaky', type: 'Retry', phase: 'Succeeded', children: ['r0', 'r1'] },
      r0: { displayName: 'flaky(0)', type: 'Pod', phase: 'Failed', outputs: { exitCode: '1' } },
      r1: { displayName: 'flaky(1)', type: 'Pod', phase: 'Succeeded', outputs: { exitCode: '0' } },
      s: { displayName: 'deploy', type: 'Skipped', phase: 'Skipped', message: "when 'no == yes' evaluated false" },
    });
    const r = readBack(wf, ['build', 'flaky', 'deploy']);
    expect(r.status).toBe('succeeded');
    expect(r.steps[0]).toMatchObject({ status: 'succeeded', attempts: 1, exitCode: 0, outputs: { v: '1.2.3' }, podNodeIds: ['a'], startedAt: '2026-11-29T10:00:00Z' });
    expect(r.steps[1]).toMatchObject({ status: 'succeeded', attempts: 2, podNodeIds: ['r0', 'r1'] });
    expect(r.steps[2]).toMatchObject({ status: 'skipped', attempts: 0 });
  });

  it('a failed step shows its exit code; steps never reached are skipped', () => {
    const wf = workflow('Failed', 'child failed', { c: { displayName: 'check', type: 'Pod', phase: 'Failed', message: 'Error (exit code 3)', outputs: { exitCode: '3' } } });
    const r = readBack(wf, ['check', 'after']);
    expect(r.status).toBe('failed');
    expect(r.steps.map((s) => [s.status, s.exitCode])).toEqual([
      ['failed', 3],
      ['skipped', undefined],
    ]);
  });

  it('Stop (spec.shutdown) is Stopped; the run deadline is Timed out; a step timeout is timed_out', () => {
    const stopped = workflow('Failed', "Stopped with strategy 'Stop'", { l: { displayName: 'long', type: 'Pod', phase: 'Failed', message: "Stopped with strategy 'Stop'" } }, 'Stop');
    expect(readBack(stopped, ['long', 'next']).steps.map((s) => s.status)).toEqual(['stopped', 'skipped']);
    expect(runStatusOf(stopped)).toBe('stopped');
    const deadline = workflow('Failed', 'Max duration limit exceeded', { f: { displayName: 'forever', type: 'Pod', phase: 'Failed', message: 'Step exceeded its deadline' } });
    expect(readBack(deadline, ['forever'])).toMatchObject({ status: 'timed_out', steps: [{ status: 'timed_out' }] });
    const stepTimeout = workflow('Failed', 'child failed', { s: { displayName: 'slow', type: 'Pod', phase: 'Failed', message: 'Pod was active on the node longer than the specified deadline' } });
    expect(readBack(stepTimeout, ['slow']).steps[0].status).toBe('timed_out');
    const running = workflow('Running', undefined, { a: { displayName: 'a', type: 'Pod', phase: 'Running' } });
    expect(readBack(running, ['a', 'b']).steps.map((s) => s.status)).toEqual(['running', 'pending']);
  });
});
