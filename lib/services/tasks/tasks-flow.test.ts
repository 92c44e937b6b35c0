/**
 * Tasks for real: task images built with busybox, pushed to a real registry, deployed and run
 * as containers by the job engine on Podman. The scheduler is driven with an injectable clock
 * (tickScheduler(db, now) — the function the engine's scheduler kind calls every tick).
 */
import { execFileSync } from 'node:child_process';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { auditEvent, component, taskExecution, taskSchedule } from '@/db/schema';
import { testDatabase } from '@/db/testing';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { tickScheduler } from '@/lib/jobs/executions/scheduler';
import { executionSettled, testEngine } from '@/lib/jobs/testing';
import { settled } from '@/lib/reconciler/testing';
import { createComponent } from '@/lib/services/components/create-component';
import { deploy } from '@/lib/services/deployments/deploy';
import { promote } from '@/lib/services/deployments/promote';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { buildTestImage, podmanEnv, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { executionLogs, followExecutionLogs } from './execution-logs';
import { getExecution } from './get-execution';
import { getSchedule } from './get-schedule';
import { listExecutions } from './list-executions';
import { runTask } from './run-task';
import { setSchedule } from './set-schedule';
import { setSchedulePaused } from './set-schedule-paused';
import { stopExecution } from './stop-execution';

let d: Database;
let reg: TestRegistry;
let jobs: Awaited<ReturnType<typeof testEngine>>;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
const dev = () => fx.users.developer;
const at = (c: string) => ({ org: 'acme', project: 'ops', component: c });

async function deployed(name: string, type: 'scheduled-task' | 'manual-task' | 'service', repo: string, registryId: string, schedule?: string) {
  await createComponent(dev(), { org: 'acme', project: 'ops', name, displayName: name, type, registryId, image: `${reg.host}/jobs/${repo}:1`, ...(schedule ? { schedule } : {}), ...(type === 'service' ? { ports: [{ port: 8080 }] } : {}) });
  if (type === 'service') return;
  const dep = await deploy(dev(), { org: 'acme', project: 'ops', component: name, tag: '1' });
  expect((await settled(d.db, dep.id)).status).toBe('active');
}

async function executions() {
  return d.db.select().from(taskExecution);
}

/** The executions of one component for one slot (slots of different components may coincide). */
async function ofSlot(name: string, slot: Date) {
  const [c] = await d.db.select({ id: component.id }).from(component).where(eq(component.name, name));
  return d.db.select().from(taskExecution).where(and(eq(taskExecution.componentId, c.id), eq(taskExecution.scheduledFor, slot)));
}

const SCHEDULED = ['report', 'nightly', 'digest', 'hourly'];

/** Only `name`'s schedule stays active, so a tick fires that schedule alone. */
async function only(name: string | null) {
  for (const c of SCHEDULED) await setSchedulePaused(dev(), { ...at(c), environment: 'development', paused: c !== name });
}

async function componentId(name: string) {
  const [c] = await d.db.select({ id: component.id }).from(component).where(eq(component.name, name));
  return c.id;
}

async function containersOf(id: string) {
  return execFileSync('podman', ['ps', '-aq', '--filter', `label=gantry.run=${id}`], { env: podmanEnv() }).toString().trim();
}

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 5)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  await pushImage(await buildTestImage({ message: 'report job', variant: 'task-args' }), `${reg.host}/jobs/report:1`);
  await pushImage(await buildTestImage({ message: 'failing job', variant: 'task-exit-3' }), `${reg.host}/jobs/fail:1`);
  await pushImage(await buildTestImage({ message: 'sleepy job', variant: 'task-sleep' }), `${reg.host}/jobs/sleep:1`);
  fx = await orgWithMembers(d.db, 'acme');
  await createProject(dev(), { org: 'acme', name: 'ops', displayName: 'Ops' });
  const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Jobs', authType: 'anonymous', host: reg.host });
  jobs = await testEngine(d.db, { stopGraceSeconds: 1 });
  await deployed('report', 'scheduled-task', 'report', r.id, '* * * * *');
  await deployed('fail', 'manual-task', 'fail', r.id);
  await deployed('sleeper', 'manual-task', 'sleep', r.id);
  await deployed('nightly', 'scheduled-task', 'sleep', r.id, '*/5 * * * *');
  await deployed('digest', 'scheduled-task', 'report', r.id, '* * * * *');
  await deployed('hourly', 'scheduled-task', 'report', r.id, '0 * * * *');
  await deployed('web', 'service', 'report', r.id);
}, 240_000);

afterAll(async () => {
  await jobs?.stop();
  try {
    const ids = execFileSync('podman', ['ps', '-aq', '--filter', `label=gantry.test-run=${jobs?.run}`], { env: podmanEnv() }).toString().trim().split('\n').filter(Boolean);
    if (ids.length) execFileSync('podman', ['rm', '-f', '-t', '0', ...ids], { env: podmanEnv() });
  } catch {
    /* nothing left */
  }
  await Promise.all([d?.close(), reg?.stop()]);
});

describe('manual runs', () => {
  it('Run with Arguments passes them to the entrypoint, and the logs show them', async () => {
    const r = await runTask(dev(), { ...at('report'), args: ['--since', 'last week'] });
    expect(r).toMatchObject({ number: 1, status: 'queued' });
    const row = await executionSettled(d.db, r.id);
    expect(row).toMatchObject({ status: 'succeeded', exitCode: 0, trigger: 'user' });
    const logs = await executionLogs(dev(), { ...at('report'), id: r.id });
    expect(logs.done).toBe(true);
    expect(logs.lines.map((l) => l.text)).toEqual(['report job', 'arg: --since', 'arg: last week', 'args: 2']);
    expect(logs.lines.map((l) => l.seq)).toEqual([0, 1, 2, 3]);
    const ex = await getExecution(fx.users.viewer, { ...at('report'), id: r.id });
    expect(ex).toMatchObject({ environment: 'development', args: ['--since', 'last week'], release: { digest: expect.stringMatching(/^sha256:/) } });
    const [a] = await d.db.select().from(auditEvent).where(eq(auditEvent.action, 'task.run'));
    expect(a).toMatchObject({ targetLabel: 'ops/report' });
  });

  it('shows exit code 3 and the logs after the container is gone', async () => {
    const r = await runTask(dev(), at('fail'));
    const row = await executionSettled(d.db, r.id);
    expect(row).toMatchObject({ status: 'failed', exitCode: 3, reason: 'Exited with code 3.' });
    expect(await containersOf(r.id)).toBe('');
    const logs = await executionLogs(dev(), { ...at('fail'), id: r.id });
    expect(logs.lines.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'failing job'],
      ['stderr', 'failing on purpose'],
    ]);
  });

  it('Stop ends a sleeping execution within its grace period', async () => {
    const r = await runTask(dev(), at('sleeper'));
    await executionSettled(d.db, r.id, (e) => e.status === 'running' && e.logLines >= 2);
    const asked = Date.now();
    const stopping = await stopExecution(dev(), { ...at('sleeper'), id: r.id });
    expect(stopping.status).toBe('running');
    const row = await executionSettled(d.db, r.id);
    expect(row).toMatchObject({ status: 'stopped', exitCode: 137, reason: 'Stopped on request.' });
    // Grace 1 s, then the kill: generous bound for a loaded machine.
    expect(row.finishedAt!.getTime() - asked).toBeLessThan(10_000);
    await expect(stopExecution(dev(), { ...at('sleeper'), id: r.id })).rejects.toMatchObject({ code: 'conflict' });
    const [a] = await d.db.select().from(auditEvent).where(eq(auditEvent.action, 'task.stop'));
    expect(a).toBeDefined();
  });

  it('follows the log live while it runs and ends when the execution does (the SSE route reads this)', async () => {
    const r = await runTask(dev(), { ...at('report'), args: ['live'] });
    const seen: string[] = [];
    for await (const line of await followExecutionLogs(dev(), { ...at('report'), id: r.id }, new AbortController().signal, 50)) seen.push(line.text);
    expect(seen).toEqual(['report job', 'arg: live', 'args: 1']);
    expect((await getExecution(dev(), { ...at('report'), id: r.id })).status).toBe('succeeded');
    // A reconnecting EventSource sends Last-Event-ID 0: the stream resumes at line 1.
    const resumed: number[] = [];
    for await (const line of await followExecutionLogs(dev(), { ...at('report'), id: r.id }, new AbortController().signal, 50, 1)) resumed.push(line.seq);
    expect(resumed).toEqual([1, 2]);
  });

  it('lists the history newest first with the 30-day count, paged', async () => {
    const page = await listExecutions(fx.users.viewer, { ...at('report'), limit: 1 });
    expect(page.items).toHaveLength(1);
    const id = await componentId('report');
    const recent = (await executions()).filter((e) => e.componentId === id);
    expect(page.last30Days).toBe(recent.length);
    // One from 31 days ago is in the history, not in the count.
    const [old] = await d.db
      .insert(taskExecution)
      .values({ ...recent[0], id: undefined, number: 900_000, createdAt: new Date(Date.now() - 31 * 86_400_000) })
      .returning();
    try {
      expect((await listExecutions(fx.users.viewer, { ...at('report'), limit: 1 })).last30Days).toBe(recent.length);
    } finally {
      await d.db.delete(taskExecution).where(eq(taskExecution.id, old.id));
    }
  });
});

describe('bad input starts nothing', () => {
  it('refuses every bad request with a clear error', async () => {
    const before = (await executions()).length;
    const schedules = await d.db.select().from(taskSchedule);
    const env = { ...at('report'), environment: 'development' };
    // Thunks, not promises: each call starts only when awaited (no rejection left unhandled meanwhile).
    const bad: [() => Promise<unknown>, string, RegExp?][] = [
      [() => setSchedule(dev(), { ...env, cron: '0 * * * * *', timeZone: 'UTC' }), 'invalid', /field/i],
      [() => setSchedule(dev(), { ...env, cron: '@every 5m', timeZone: 'UTC' }), 'invalid'],
      [() => setSchedule(dev(), { ...env, cron: 'TZ=UTC 0 * * * *', timeZone: 'UTC' }), 'invalid', /TZ/],
      [() => setSchedule(dev(), { ...env, cron: '61 * * * *', timeZone: 'UTC' }), 'invalid', /61|minute/i],
      [() => setSchedule(dev(), { ...env, cron: '0 * * * *', timeZone: 'Mars/Olympus' }), 'invalid', /time zone/i],
      [() => setSchedule(dev(), { ...env, cron: '0 * * * *', timeZone: 'europe/berlin' }), 'invalid', /case-sensitive/],
      [() => setSchedule(dev(), { ...env, cron: '0 * * * *', timeZone: 'UTC', extra: 1 }), 'invalid'],
      [() => setSchedule(fx.users.viewer, { ...env, cron: '0 * * * *', timeZone: 'UTC' }), 'forbidden'],
      [() => runTask(dev(), { ...at('report'), args: Array.from({ length: 10_000 }, () => 'x') }), 'invalid', /arguments/i],
      [() => runTask(dev(), { ...at('report'), args: ['x'.repeat(1024 * 1024)] }), 'invalid', /argument/i],
      [() => runTask(dev(), { ...at('report'), args: 'not a list' }), 'invalid'],
      [() => runTask(dev(), { ...at('web') }), 'invalid', /service, not a task/],
      [() => runTask(dev(), { ...at('report'), environment: 'production' }), 'conflict', /Nothing is deployed/],
      [() => runTask(dev(), { ...at('report'), environment: 'nowhere' }), 'not_found'],
      [() => runTask(fx.users.viewer, at('report')), 'forbidden'],
      [() => setSchedule(dev(), { ...at('fail'), environment: 'development', cron: '0 * * * *', timeZone: 'UTC' }), 'invalid', /manual task/],
    ];
    for (const [call, code, message] of bad) await expect(call()).rejects.toMatchObject({ code, ...(message ? { message: expect.stringMatching(message) } : {}) });
    // Another organisation's task: not even its existence is told.
    const other = await orgWithMembers(d.db, 'globex');
    await expect(runTask(other.users.admin, at('report'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(runTask(other.users.admin, { ...at('report'), org: 'globex' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await executions()).length).toBe(before);
    expect(await d.db.select().from(taskSchedule)).toEqual(schedules);
  });
});

describe('schedules', () => {
  it('a schedule of every minute really runs, once per slot', async () => {
    await only('report');
    const s = await setSchedule(dev(), { ...at('report'), environment: 'development', cron: '* * * * *', timeZone: 'Europe/Berlin' });
    expect(s).toMatchObject({ cron: '* * * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid', paused: false, description: 'Every minute' });
    expect(s.nextRuns).toHaveLength(5);
    const slot = new Date(s.nextRuns[0]);
    expect(await tickScheduler(d.db, new Date(slot.getTime() - 1))).toBe(0);
    expect(await tickScheduler(d.db, slot)).toBe(1);
    expect(await tickScheduler(d.db, slot)).toBe(0);
    const [fired] = await ofSlot('report', slot);
    expect(fired).toMatchObject({ trigger: 'schedule', status: expect.stringMatching(/queued|running|succeeded/) });
    expect((await executionSettled(d.db, fired.id)).status).toBe('succeeded');
    const logs = await executionLogs(dev(), { ...at('report'), id: fired.id });
    expect(logs.lines.map((l) => l.text)).toContain('arg: default-args');
    const view = await getSchedule(dev(), { ...at('report'), environment: 'development' });
    expect(view?.lastRun).toMatchObject({ id: fired.id, status: 'succeeded', trigger: 'schedule' });
  });

  it('Forbid skips an overlapping slot with a reason; Replace stops the running one', async () => {
    await only('nightly');
    const s = await setSchedule(dev(), { ...at('nightly'), environment: 'development', cron: '*/5 * * * *', timeZone: 'UTC' });
    const [first, second, third] = s.nextRuns.map((x) => new Date(x));
    await tickScheduler(d.db, first);
    const [running] = await ofSlot('nightly', first);
    await executionSettled(d.db, running.id, (e) => e.status === 'running');
    await tickScheduler(d.db, second);
    const [skipped] = await ofSlot('nightly', second);
    expect(skipped).toMatchObject({ status: 'skipped', reason: `Skipped: execution #${running.number} was still running (concurrency policy Forbid).` });

    await setSchedule(dev(), { ...at('nightly'), environment: 'development', cron: '*/5 * * * *', timeZone: 'UTC', concurrencyPolicy: 'Replace' });
    await tickScheduler(d.db, third);
    const [replacing] = await ofSlot('nightly', third);
    expect((await executionSettled(d.db, running.id)).status).toBe('stopped');
    const row = await executionSettled(d.db, replacing.id, (e) => e.status === 'running');
    await stopExecution(dev(), { ...at('nightly'), id: row.id });
    expect((await executionSettled(d.db, row.id)).status).toBe('stopped');
    await setSchedulePaused(dev(), { ...at('nightly'), environment: 'development', paused: true });
  });

  it('a slot fired ahead is prepared before it and started at it; Forbid is decided at the slot', async () => {
    await only('nightly');
    // A yearly cron: the slots here are set by hand, and the cron's own next slot must not fall inside
    // the 20 s look-ahead (with */5 it did when the test ran just before a five-minute boundary).
    await setSchedule(dev(), { ...at('nightly'), environment: 'development', cron: '0 0 1 1 *', timeZone: 'UTC', concurrencyPolicy: 'Forbid' });
    const id = await componentId('nightly');
    const fireAhead = async (inMs: number) => {
      const slot = new Date(Date.now() + inMs);
      await d.db.update(taskSchedule).set({ nextRunAt: slot }).where(eq(taskSchedule.componentId, id));
      expect(await tickScheduler(d.db, new Date(), 500, 20_000)).toBe(1);
      const [e] = await ofSlot('nightly', slot);
      expect(e).toMatchObject({ status: 'queued', schedule: expect.objectContaining({ atSlot: true }) });
      return { slot, e };
    };
    const { slot, e } = await fireAhead(8000);
    const row = await executionSettled(d.db, e.id, (x) => x.status === 'running');
    expect(row.startedAt!.getTime()).toBeGreaterThanOrEqual(slot.getTime());
    // The engine's own record: created before the slot, its process started at or after it.
    const [created, started] = execFileSync('podman', ['inspect', '--format', '{{.Created.UnixMilli}} {{.State.StartedAt.UnixMilli}}', await containersOf(e.id)], { env: podmanEnv() })
      .toString()
      .trim()
      .split(' ')
      .map(Number);
    expect(created).toBeLessThan(slot.getTime());
    expect(started).toBeGreaterThanOrEqual(slot.getTime() - 5); // engine clock granularity

    const second = await fireAhead(2500);
    const skipped = await executionSettled(d.db, second.e.id);
    expect(skipped).toMatchObject({ status: 'skipped', reason: `Skipped: execution #${row.number} was still running (concurrency policy Forbid).` });
    expect(skipped.finishedAt!.getTime()).toBeGreaterThanOrEqual(second.slot.getTime());
    expect(await containersOf(second.e.id)).toBe('');
    await stopExecution(dev(), { ...at('nightly'), id: row.id });
    expect((await executionSettled(d.db, row.id)).status).toBe('stopped');
    await setSchedulePaused(dev(), { ...at('nightly'), environment: 'development', paused: true });

    // Fired ahead by a console that died before the slot, picked up past the starting deadline: missed, nothing started.
    const [late] = await d.db
      .insert(taskExecution)
      .values({ ...row, id: undefined, number: 800_000, status: 'queued', scheduledFor: new Date(Date.now() - 600_000), schedule: { ...row.schedule!, atSlot: true, startingDeadlineSeconds: 60 }, startedAt: null, finishedAt: null, exitCode: null, reason: null, leaseUntil: null, stopRequestedAt: null, logLines: 0, attempts: 0, createdAt: new Date() })
      .returning();
    expect(await executionSettled(d.db, late.id)).toMatchObject({ status: 'missed', startedAt: null, reason: expect.stringMatching(/starting deadline \(60 s\)/) });
    expect(await containersOf(late.id)).toBe('');
  }, 150_000);

  it('after downtime the most recent slot runs late within the deadline; older ones are recorded as missed', async () => {
    await only('digest');
    const s = await setSchedule(dev(), { ...at('digest'), environment: 'development', cron: '* * * * *', timeZone: 'UTC', startingDeadlineSeconds: 120 });
    const first = new Date(s.nextRuns[0]);
    // The control plane "was down" for 10 minutes: it comes back 10 s after the 10th slot.
    const back = new Date(first.getTime() + 9 * 60_000 + 10_000);
    expect(await tickScheduler(d.db, back)).toBe(1);
    const rows = (await d.db.select().from(taskExecution).where(eq(taskExecution.componentId, await componentId('digest')))).filter(
      (e) => e.scheduledFor && e.scheduledFor >= first && e.scheduledFor <= back,
    );
    expect(rows).toHaveLength(10);
    const late = rows.find((e) => e.scheduledFor!.getTime() === first.getTime() + 9 * 60_000)!;
    expect(late.status).not.toBe('missed');
    expect(rows.filter((e) => e.status === 'missed')).toHaveLength(9);
    expect(rows.find((e) => e.status === 'missed')!.reason).toMatch(/starting deadline \(120 s\)/);
    expect((await executionSettled(d.db, late.id)).status).toBe('succeeded');
    const [sched] = await d.db.select().from(taskSchedule).where(eq(taskSchedule.componentId, late.componentId));
    expect(sched.nextRunAt!.getTime()).toBe(first.getTime() + 10 * 60_000);
    await setSchedulePaused(dev(), { ...at('digest'), environment: 'development', paused: true });
  });

  it('a console restart neither loses nor doubles a run', async () => {
    await only('hourly');
    const s = (await getSchedule(dev(), { ...at('hourly'), environment: 'development' }))!;
    expect(s).toMatchObject({ cron: '0 * * * *', timeZone: 'UTC', concurrencyPolicy: 'Forbid', paused: false });
    const slot = new Date(s.nextRuns[0]);
    // The slot fires while the engine is down, then the engine comes back; the slot is ticked again after the restart.
    await jobs.stopEngine();
    expect(await tickScheduler(d.db, slot)).toBe(1);
    await jobs.startEngine();
    expect(await tickScheduler(d.db, slot)).toBe(0);
    const fired = await ofSlot('hourly', slot);
    expect(fired).toHaveLength(1);
    expect((await executionSettled(d.db, fired[0].id)).status).toBe('succeeded');

    // A running execution when the console stops: found again and finished once, its log not doubled.
    const r = await runTask(dev(), at('sleeper'));
    await executionSettled(d.db, r.id, (e) => e.status === 'running' && e.logLines >= 2);
    await jobs.restart();
    await executionSettled(d.db, r.id, (e) => e.status === 'running' && e.attempts >= 2);
    await stopExecution(dev(), { ...at('sleeper'), id: r.id });
    expect((await executionSettled(d.db, r.id)).status).toBe('stopped');
    const logs = await executionLogs(dev(), { ...at('sleeper'), id: r.id });
    expect(logs.lines.map((l) => l.text)).toEqual(['sleepy job', 'sleeping']);
  });
  it('a paused schedule fires nothing; Resume starts from the next slot', async () => {
    await only(null);
    const paused = (await getSchedule(dev(), { ...at('report'), environment: 'development' }))!;
    expect(paused).toMatchObject({ paused: true, nextRuns: [] });
    const before = (await executions()).length;
    expect(await tickScheduler(d.db, new Date(Date.now() + 86_400_000))).toBe(0);
    expect((await executions()).length).toBe(before);
    const resumed = await setSchedulePaused(dev(), { ...at('report'), environment: 'development', paused: false });
    expect(resumed.paused).toBe(false);
    expect(new Date(resumed.nextRuns[0]).getTime()).toBeGreaterThan(Date.now());
    await setSchedulePaused(dev(), { ...at('report'), environment: 'development', paused: true });
  });

  it('a promotion keeps the target environment’s own schedule; the first one there starts from the component’s cron', async () => {
    await only(null);
    await setSchedule(dev(), { ...at('hourly'), environment: 'development', cron: '15 * * * *', timeZone: 'Europe/Berlin' });
    const first = await promote(dev(), { org: 'acme', project: 'ops', component: 'hourly', from: 'development', to: 'staging' });
    expect((await settled(d.db, first.id)).status).toBe('active');
    const staging = { ...at('hourly'), environment: 'staging' };
    expect(await getSchedule(dev(), staging)).toMatchObject({ cron: '0 * * * *', timeZone: 'UTC', concurrencyPolicy: 'Forbid' });
    await setSchedule(dev(), { ...staging, cron: '30 2 * * *', timeZone: 'Europe/Berlin' });
    const again = await promote(dev(), { org: 'acme', project: 'ops', component: 'hourly', from: 'development', to: 'staging' });
    expect((await settled(d.db, again.id)).status).toBe('active');
    expect(await getSchedule(dev(), staging)).toMatchObject({ cron: '30 2 * * *', timeZone: 'Europe/Berlin' });
    expect(await getSchedule(dev(), { ...at('hourly'), environment: 'development' })).toMatchObject({ cron: '15 * * * *', timeZone: 'Europe/Berlin' });
    // Nothing fires in staging during the rest of this file.
    await setSchedulePaused(dev(), { ...staging, paused: true });
  });
});
