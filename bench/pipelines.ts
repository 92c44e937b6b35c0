// npm run bench:pipelines — pipelines on the job engine, real Podman:
//  1. a 10-step pipeline (3 parallel groups) of busybox steps: Start New Run → run finished, median of
//     BENCH_RUNS (3), beside the floor measured in the same run: the same 10 containers run back-to-back
//     with raw `podman run --rm` (their sum), as a ratio;
//  2. log latency: a step prints the kernel's uptime every 100 ms; the bench reads the lines from the
//     step-log stream the SSE route serves (followStepLogs) and compares with the uptime on arrival
//     (one clock: containers share the host kernel), p50/p99 over BENCH_LOG_LINES (50) lines.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { testEngine } from '@/lib/jobs/testing';
import { runSettled, shellImageIn } from '@/lib/pipelines/testing';
import { createPipeline } from '@/lib/services/pipelines/create-pipeline';
import { startRun } from '@/lib/services/pipelines/start-run';
import { followStepLogs } from '@/lib/services/pipelines/step-logs';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { podman } from '@/lib/testing/images';
import { startRegistry } from '@/lib/testing/registry';

process.env.GANTRY_LOG_LEVEL ??= 'warn';
const runs = Number(process.env.BENCH_RUNS ?? 3);
const logLines = Number(process.env.BENCH_LOG_LINES ?? 50);

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const uptimeMs = () => Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;

/** 10 steps: 1, then 3 in parallel, 1, 3 in parallel, 2 in parallel. */
function tenSteps(image: string) {
  const step = (name: string, indent: string) => {
    const rest = ' '.repeat(indent.length);
    return `${indent}name: ${name}\n${rest}image: ${image}\n${rest}inlineScript: echo ${name} >> /workspace/log\n`;
  };
  const single = (n: string) => step(n, '  - ');
  const group = (names: string[]) => names.map((n, i) => step(n, i === 0 ? '  - - ' : '    - ')).join('');
  return `steps:\n${single('s1')}${group(['p1', 'p2', 'p3'])}${single('s2')}${group(['q1', 'q2', 'q3'])}${group(['r1', 'r2'])}`;
}

async function main() {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 9)]));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-bench-pipelines-'));
  const d = await openDatabase({ dataDir: path.join(dataDir, 'db') });
  const registry = await startRegistry({ auth: 'anonymous' });
  const jobs = await testEngine(d.db);
  try {
    const image = await shellImageIn(registry.host);
    const fx = await orgWithMembers(d.db, 'bench');
    const ctx = fx.users['platform-engineer'];
    await createPipeline(ctx, { org: 'bench', name: 'ten', source: { kind: 'inline', yaml: tenSteps(image) } });
    await runSettled(d.db, (await startRun(ctx, { org: 'bench', pipeline: 'ten' })).id); // warm: the pull
    const pipelineMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = Date.now();
      const r = await runSettled(d.db, (await startRun(ctx, { org: 'bench', pipeline: 'ten' })).id);
      if (r.status !== 'succeeded') throw new Error(`run ${r.number} ${r.status}: ${r.reason}`);
      pipelineMs.push(r.finishedAt!.getTime() - t0);
    }
    // The floor: the same 10 containers one after the other, raw.
    await podman(['pull', '--quiet', '--tls-verify=false', image]);
    const rawMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = Date.now();
      for (let k = 0; k < 10; k++) await podman(['run', '--rm', '--network', 'none', image, 'sh', '-c', 'echo step']);
      rawMs.push(Date.now() - t0);
    }

    await createPipeline(ctx, { org: 'bench', name: 'ticks', source: { kind: 'inline', yaml: `steps:\n  - name: ticks\n    image: ${image}\n    inlineScript: |\n      i=0\n      while test $i -lt ${logLines}; do cat /proc/uptime; sleep 0.1; i=$((i+1)); done\n` } });
    const run = await startRun(ctx, { org: 'bench', pipeline: 'ticks' });
    const latency: number[] = [];
    const abort = new AbortController();
    for await (const line of await followStepLogs(ctx, { org: 'bench', pipeline: 'ticks', run: run.id, step: 'ticks' }, abort.signal)) {
      const printed = Number(line.text.split(' ')[0]) * 1000;
      if (Number.isFinite(printed)) latency.push(uptimeMs() - printed);
    }
    await runSettled(d.db, run.id);

    const med = (xs: number[]) => pct(xs, 50);
    console.log(`10-step pipeline (3 parallel groups), start → done: median ${med(pipelineMs)} ms over ${runs} runs (${pipelineMs.join(', ')})`);
    console.log(`floor: the same 10 containers back-to-back with raw podman run: median ${med(rawMs)} ms (${rawMs.join(', ')})`);
    console.log(`overhead ratio pipeline / raw sequential: ${(med(pipelineMs) / med(rawMs)).toFixed(2)}`);
    console.log(`log line printed → on the step-log stream: p50 ${Math.round(pct(latency, 50))} ms, p99 ${Math.round(pct(latency, 99))} ms over ${latency.length} lines (target p99 < 500 ms)`);
  } finally {
    await jobs.stop();
    await registry.stop();
    await d.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
