// npm run bench:tasks — tasks on the job engine, real Podman:
//  1. Run Now → container started, p50, beside the raw engine floor (`podman run -d` returning) in the same run;
//  2. scheduler drift: slot time → container started, p99 over BENCH_DRIFT_RUNS (50) slots, through the
//     production scheduler and execution kinds — only the clock is shifted so a minute slot comes up every
//     few seconds instead of every minute (BENCH_LEAD_MS before it: the production lead,
//     GANTRY_SCHEDULE_PREPARE_SECONDS, is 20 s);
//  3. 100 task components scheduled every minute: drift p99 of one slot's 100 starts, the CPU the
//     console spends preparing them and at the slot, and the engine's floor for it: 100 prepared
//     containers started at once straight through the runner, in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { component, deployment, release, taskExecution, taskSchedule } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { containersConfPath } from '@/lib/dataplane/engine/podman-service';
import { measureRawFloor } from '@/lib/dataplane/engine/raw-floor';
import { tickScheduler } from '@/lib/jobs/executions/scheduler';
import { executionSettled, testEngine } from '@/lib/jobs/testing';
import { settled } from '@/lib/reconciler/testing';
import { createComponent } from '@/lib/services/components/create-component';
import { deploy } from '@/lib/services/deployments/deploy';
import { runTask } from '@/lib/services/tasks/run-task';
import { setSchedule } from '@/lib/services/tasks/set-schedule';
import { setSchedulePaused } from '@/lib/services/tasks/set-schedule-paused';
import { buildTestImage, podman, pushImage } from '@/lib/testing/images';
import { median, seedDeployWorld } from './fixtures';

process.env.GANTRY_LOG_LEVEL ??= 'warn';
const runNowRuns = Number(process.env.BENCH_RUNS ?? 12);
const driftRuns = Number(process.env.BENCH_DRIFT_RUNS ?? 50);
const fleet = Number(process.env.BENCH_FLEET ?? 100);
const lead = Number(process.env.BENCH_LEAD_MS ?? 3000);
const fleetLead = Number(process.env.BENCH_FLEET_LEAD_MS ?? 20_000);

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 9)]));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-bench-tasks-'));
  const d = await openDatabase({ dataDir: path.join(dataDir, 'db') });
  const world = await seedDeployWorld(d.db, []);
  const creds = { username: 'bench', password: 'bench-registry-pw' };
  await pushImage(await buildTestImage({ message: 'bench task', variant: 'task-args' }), `${world.registry.host}/bench/task:1`, creds);
  const ctx = { db: d.db, actor: { type: 'user' as const, userId: world.user.id, email: world.user.email, via: 'console' as const } };
  // The clock the scheduler reads: real time plus an offset the drift runs move.
  let offset = 0;
  const jobs = await testEngine(d.db, { now: () => new Date(Date.now() + offset), aheadMs: fleetLead });
  const load0 = os.loadavg();
  const at = (c: string) => ({ org: 'bench', project: 'shop', component: c });
  try {
    for (const [name, type] of [['job', 'manual-task'], ['cron', 'scheduled-task']] as const) {
      await createComponent(world.system, { org: 'bench', project: 'shop', name, displayName: name, type, registryId: world.registryId, image: `${world.registry.host}/bench/task:1`, ...(type === 'scheduled-task' ? { schedule: '* * * * *' } : {}) });
      await settled(d.db, (await deploy(ctx, { org: 'bench', project: 'shop', component: name, tag: '1' })).id);
    }
    await setSchedulePaused(ctx, { ...at('cron'), environment: 'development', paused: true });

    // 1. Run Now → container started, beside `podman run -d` of the same kind of image.
    await executionSettled(d.db, (await runTask(ctx, at('job'))).id); // warm
    const runNow: number[] = [];
    for (let i = 0; i < runNowRuns; i++) {
      const t0 = Date.now();
      const r = await runTask(ctx, at('job'));
      const row = await executionSettled(d.db, r.id, (e) => e.startedAt !== null);
      runNow.push(row.startedAt!.getTime() - t0);
      await executionSettled(d.db, r.id);
    }
    // The floor's image must be in the engine's store, as the task image is (the CLI shares it).
    await podman(['pull', '--tls-verify=false', '--creds', `${creds.username}:${creds.password}`, world.pinned.a]);
    const raw: number[] = [];
    for (let i = 0; i < runNowRuns; i++) raw.push((await measureRawFloor(world.pinned.a, { tlsVerify: false })).runReturnedMs);

    // 2. Drift: slot → container started, one slot at a time.
    await setSchedulePaused(ctx, { ...at('cron'), environment: 'development', paused: false });
    const [cronComp] = await d.db.select().from(component).where(eq(component.name, 'cron'));
    const drift: number[] = [];
    for (let i = 0; i < driftRuns; i++) {
      const [s] = await d.db.select().from(taskSchedule).where(eq(taskSchedule.componentId, cronComp.id));
      const slot = s.nextRunAt!;
      offset = slot.getTime() - lead - Date.now(); // the slot comes up in `lead` ms: fired and prepared now, started at it
      const row = await (async () => {
        for (;;) {
          const [e] = await d.db.select().from(taskExecution).where(and(eq(taskExecution.componentId, cronComp.id), eq(taskExecution.scheduledFor, slot), isNotNull(taskExecution.startedAt)));
          if (e) return e;
          await sleep(20);
        }
      })();
      drift.push(row.startedAt!.getTime() + offset - slot.getTime());
      await executionSettled(d.db, row.id);
    }
    await setSchedulePaused(ctx, { ...at('cron'), environment: 'development', paused: true });

    // 3. A fleet of scheduled tasks on one console: every-minute schedules, one slot, all due at once.
    const [rel] = await d.db.select().from(release).where(eq(release.componentId, cronComp.id));
    const [dep] = await d.db.select().from(deployment).where(and(eq(deployment.componentId, cronComp.id), eq(deployment.status, 'active')));
    const ids: string[] = [];
    offset = -86_400_000; // nothing comes due while the fleet is made
    for (let i = 0; i < fleet; i++) {
      const [c] = await d.db
        .insert(component)
        .values({ organizationId: cronComp.organizationId, projectId: cronComp.projectId, name: `cron-${i}`, displayName: `cron ${i}`, type: 'scheduled-task', registryId: cronComp.registryId, repository: cronComp.repository, schedule: '* * * * *' })
        .returning();
      const [r] = await d.db.insert(release).values({ componentId: c.id, image: rel.image, tag: rel.tag, digest: rel.digest, createdByLabel: 'bench' }).returning();
      await d.db.insert(deployment).values({ organizationId: c.organizationId, componentId: c.id, environmentId: dep.environmentId, releaseId: r.id, status: 'active', triggeredByType: 'system', triggeredByLabel: 'bench', taskSettings: dep.taskSettings });
      await setSchedule(ctx, { ...at(`cron-${i}`), environment: 'development', cron: '* * * * *', timeZone: 'UTC' });
      ids.push(c.id);
    }
    // Every schedule due at one slot, 1.5 s ahead on the scheduler's clock.
    const slot = new Date(Math.ceil((Date.now() + 120_000) / 60_000) * 60_000);
    await d.db.update(taskSchedule).set({ nextRunAt: slot }).where(inArray(taskSchedule.componentId, ids));
    offset = slot.getTime() - fleetLead - Date.now();
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    let atSlot: { cpu: NodeJS.CpuUsage; wall: number } | undefined;
    let started: (typeof taskExecution.$inferSelect)[] = [];
    while (started.length < fleet) {
      if (!atSlot && Date.now() + offset >= slot.getTime()) atSlot = { cpu: process.cpuUsage(), wall: performance.now() };
      started = await d.db.select().from(taskExecution).where(and(inArray(taskExecution.componentId, ids), eq(taskExecution.scheduledFor, slot), isNotNull(taskExecution.startedAt)));
      await sleep(50);
    }
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - wall0;
    const slotCpu = atSlot ? process.cpuUsage(atSlot.cpu) : cpu;
    const slotWall = atSlot ? performance.now() - atSlot.wall : wall;
    const fleetDrift = started.map((e) => e.startedAt!.getTime() + offset - slot.getTime());
    for (const e of started) await executionSettled(d.db, e.id, undefined, 120_000);
    // The scheduler's own share: one tick over the fleet's next slot (every schedule due), on this database.
    const next = new Date(slot.getTime() + 60_000);
    await setSchedulePaused(ctx, { ...at('cron'), environment: 'development', paused: true });
    await jobs.stopEngine();
    await d.db.update(taskSchedule).set({ nextRunAt: next }).where(inArray(taskSchedule.componentId, ids));
    const tickCpu0 = process.cpuUsage();
    const tickT0 = performance.now();
    const fired = await tickScheduler(d.db, next);
    const tickMs = performance.now() - tickT0;
    const tickCpu = process.cpuUsage(tickCpu0);
    for (const e of await d.db.select({ id: taskExecution.id }).from(taskExecution).where(and(inArray(taskExecution.componentId, ids), eq(taskExecution.scheduledFor, next))))
      await d.db.update(taskExecution).set({ status: 'stopped', reason: 'bench: not run', finishedAt: new Date() }).where(eq(taskExecution.id, e.id));
    // The floor of a slot's work: `fleet` prepared containers started at once, straight through the runner.
    const { workloadFor } = await import('@/lib/reconciler/workload-spec');
    const work = await workloadFor(d.db, dep.id);
    const runner = ((await jobs.driverFor(work.plane, { insecureRegistry: work.registryInsecureHost })) as unknown as { jobs(): import('@/lib/dataplane/types').JobRunner }).jobs();
    const floorIds = Array.from({ length: fleet }, () => crypto.randomUUID());
    await Promise.all(floorIds.map((runId) => runner.prepare!({ workload: work.spec, runId, args: [], timeoutSeconds: 60 })));
    const floorT0 = performance.now();
    const floorStarts = await Promise.all(floorIds.map(async (runId) => (await runner.start({ workload: work.spec, runId, args: [], timeoutSeconds: 60 }), performance.now() - floorT0)));
    await Promise.all(floorIds.map((runId) => runner.remove(runId).catch(() => undefined)));

    const idleT0 = performance.now();
    const idleCpu0 = process.cpuUsage();
    for (let i = 0; i < 20; i++) await tickScheduler(d.db, next);
    const idleCpu = process.cpuUsage(idleCpu0);
    const idleMs = (performance.now() - idleT0) / 20;

    const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
    const g = median(runNow);
    const r = median(raw);
    console.log(`\nGantry tasks benchmark (${os.cpus().length} cores, load 1-min ${load0[0].toFixed(1)} at start → ${os.loadavg()[0].toFixed(1)} at end, images cached, registry on loopback)\n`);
    console.log(`Run Now → container started, p50      ${ms(g)}   (min ${Math.min(...runNow).toFixed(0)}, max ${Math.max(...runNow).toFixed(0)}, ${runNowRuns} runs)`);
    console.log(`podman run -d → returned (started), p50 ${ms(r)}   (min ${Math.min(...raw).toFixed(0)}, max ${Math.max(...raw).toFixed(0)})`);
    console.log(`Ratio                                   ${(g / r).toFixed(2).padStart(6)}      target ≤ 2.00  ${g / r <= 2 ? 'OK' : 'OVER'}`);
    console.log(`Scheduler drift slot → started, p50     ${ms(median(drift))}`);
    console.log(`Scheduler drift slot → started, p99     ${ms(pct(drift, 99))}   (${driftRuns} slots, max ${Math.max(...drift).toFixed(0)})   target < 1000 ms  ${pct(drift, 99) < 1000 ? 'OK' : 'OVER'}`);
    console.log(`${fleet} tasks, one slot: drift p50          ${ms(median(fleetDrift))}`);
    console.log(`${fleet} tasks, one slot: drift p99          ${ms(pct(fleetDrift, 99))}   target < 1000 ms  ${pct(fleetDrift, 99) < 1000 ? 'OK' : 'OVER'}`);
    console.log(`${fleet} prepared containers started at once, straight through the runner (floor): p50 ${ms(median(floorStarts))}, p99 ${ms(pct(floorStarts, 99))}`);
    console.log(`  console CPU, fire → all ${fleet} started   ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(6)} ms CPU over ${wall.toFixed(0)} ms wall (${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)}% of a core; preparing, starting and following)`);
    console.log(`  console CPU, slot → all ${fleet} started   ${((slotCpu.user + slotCpu.system) / 1000).toFixed(0).padStart(6)} ms CPU over ${slotWall.toFixed(0)} ms wall (${(((slotCpu.user + slotCpu.system) / 1000 / slotWall) * 100).toFixed(0)}% of a core)`);
    console.log(`  scheduler tick firing ${fired} slots        ${ms(tickMs)} wall, ${((tickCpu.user + tickCpu.system) / 1000).toFixed(0)} ms CPU`);
    console.log(`  scheduler tick with nothing due        ${idleMs.toFixed(1).padStart(6)} ms wall, ${((idleCpu.user + idleCpu.system) / 1000 / 20).toFixed(1)} ms CPU per tick (1 tick/s → ${((idleCpu.user + idleCpu.system) / 1000 / 20 / 10).toFixed(2)}% of a core)`);
    void sql;
  } finally {
    await jobs.stop();
    try {
      execFileSync('sh', ['-c', `podman ps -aq --filter label=gantry.test-run=${jobs.run} | xargs -r podman rm -f -t 0`], { env: { ...process.env, CONTAINERS_CONF: containersConfPath() }, stdio: 'ignore' });
    } catch {
      /* nothing left */
    }
    await d.close();
    await world.registry.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
