/**
 * The scheduler on a real database (PGlite, and Postgres in the Postgres pass): two
 * schedulers ticking side by side fire each slot exactly once; Europe/Berlin across both DST
 * changes with the injectable clock. No containers: nothing is deployed, so fired slots are
 * recorded as skipped — one row per slot is what is checked.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { component, taskExecution, taskSchedule } from '@/db/schema';
import { testDatabase } from '@/db/testing';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { tickScheduler } from '@/lib/jobs/executions/scheduler';
import { dueSlots, nextSlot } from '@/lib/jobs/executions/slots';
import { createComponent } from '@/lib/services/components/create-component';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { buildTestImage, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { setSchedule } from './set-schedule';

let d: Database;
let reg: TestRegistry;
let fx: Awaited<ReturnType<typeof orgWithMembers>>;
const dev = () => fx.users.developer;
const names = ['c1', 'c2', 'c3', 'c4', 'c5'];

async function rowsOf(name: string) {
  const [c] = await d.db.select({ id: component.id }).from(component).where(eq(component.name, name));
  return d.db.select().from(taskExecution).where(eq(taskExecution.componentId, c.id)).orderBy(asc(taskExecution.scheduledFor));
}

/** Puts a schedule's next slot at `at` (what setSchedule does with the real clock). */
async function startAt(name: string, at: Date) {
  const [c] = await d.db.select({ id: component.id }).from(component).where(eq(component.name, name));
  await d.db.update(taskSchedule).set({ nextRunAt: at, paused: false }).where(eq(taskSchedule.componentId, c.id));
}

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 6)]));
  [d, reg] = await Promise.all([testDatabase(), startRegistry({ auth: 'anonymous' })]);
  await pushImage(await buildTestImage({ message: 'report job', variant: 'task-args' }), `${reg.host}/jobs/report:1`);
  fx = await orgWithMembers(d.db, 'acme');
  await createProject(dev(), { org: 'acme', name: 'ops', displayName: 'Ops' });
  const r = await createRegistry(fx.users.admin, 'acme', { displayName: 'Jobs', authType: 'anonymous', host: reg.host });
  for (const name of [...names, 'berlin']) {
    await createComponent(dev(), { org: 'acme', project: 'ops', name, displayName: name, type: 'scheduled-task', registryId: r.id, image: `${reg.host}/jobs/report:1`, schedule: '* * * * *' });
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([d?.close(), reg?.stop()]);
});

describe('exactly once per slot', () => {
  it('two schedulers ticking side by side fire every slot of every schedule exactly once', async () => {
    const t0 = new Date('2030-01-01T00:00:00Z');
    for (const name of names) {
      await setSchedule(dev(), { org: 'acme', project: 'ops', component: name, environment: 'development', cron: '* * * * *', timeZone: 'UTC' });
      await startAt(name, t0);
    }
    // 30 minutes; the second scheduler's clock runs 700 ms behind, and both tick several times per slot.
    for (let m = 0; m < 30; m++) {
      const now = new Date(t0.getTime() + m * 60_000 + 1000);
      const behind = new Date(now.getTime() - 700);
      await Promise.all([tickScheduler(d.db, now), tickScheduler(d.db, behind), tickScheduler(d.db, now), tickScheduler(d.db, behind)]);
    }
    for (const name of names) {
      const rows = await rowsOf(name);
      expect(rows.map((r) => r.scheduledFor!.getTime())).toEqual(Array.from({ length: 30 }, (_, m) => t0.getTime() + m * 60_000));
      expect(new Set(rows.map((r) => r.number)).size).toBe(30);
      expect(rows.every((r) => r.status === 'skipped' && r.reason === 'Skipped: nothing is deployed to development.')).toBe(true);
    }
  });
});

describe('Europe/Berlin across DST', () => {
  it('02:30 daily: once on the spring-forward day (at 03:00 CEST) and once, not twice, on the fall-back day', () => {
    const spring = [nextSlot('30 2 * * *', 'Europe/Berlin', new Date('2026-03-27T12:00:00Z'))!];
    for (let i = 0; i < 2; i++) spring.push(nextSlot('30 2 * * *', 'Europe/Berlin', spring[i])!);
    expect(spring.map((x) => x.toISOString())).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    // Down over the fall-back night, back at 01:40Z (02:40 CET, after the repeated 02:30): the one 00:30Z slot is past its 300 s deadline, so missed; 01:30Z is no second slot.
    const due = dueSlots({ cron: '30 2 * * *', timeZone: 'Europe/Berlin', nextRunAt: new Date('2026-10-25T00:30:00Z'), startingDeadlineSeconds: 300 }, new Date('2026-10-25T01:40:00Z'));
    expect(due).toEqual({ run: null, missed: [new Date('2026-10-25T00:30:00Z')] });
  });

  it('driven by the injectable clock through the fall-back night, a daily 02:30 fires once a day and an hourly one every hour', async () => {
    await setSchedule(dev(), { org: 'acme', project: 'ops', component: 'berlin', environment: 'development', cron: '30 2 * * *', timeZone: 'Europe/Berlin' });
    for (const name of names) await d.db.update(taskSchedule).set({ paused: true }).where(eq(taskSchedule.componentId, (await d.db.select({ id: component.id }).from(component).where(eq(component.name, name)))[0].id));
    await startAt('berlin', new Date('2026-10-24T00:30:00Z'));
    const [c1] = await d.db.select({ id: component.id }).from(component).where(eq(component.name, 'c1'));
    await setSchedule(dev(), { org: 'acme', project: 'ops', component: 'c1', environment: 'development', cron: '0 * * * *', timeZone: 'Europe/Berlin' });
    await d.db.update(taskSchedule).set({ paused: false, nextRunAt: new Date('2026-10-24T22:00:00Z') }).where(eq(taskSchedule.componentId, c1.id));
    // Every 5 minutes from Oct 23 22:00Z to Oct 26 06:00Z.
    for (let t = Date.parse('2026-10-23T22:00:00Z'); t <= Date.parse('2026-10-26T06:00:00Z'); t += 5 * 60_000) await tickScheduler(d.db, new Date(t));
    const daily = await rowsOf('berlin');
    expect(daily.map((r) => r.scheduledFor!.toISOString())).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    const hourly = (await rowsOf('c1')).filter((r) => r.scheduledFor!.getUTCFullYear() === 2026);
    // 22:00Z Oct 24 to 06:00Z Oct 26 is 32 hours, one of them repeated on the wall clock: 33 slots, one per UTC hour (02:00 CEST and 02:00 CET both run).
    expect(hourly).toHaveLength(33);
    expect(hourly.map((r) => r.scheduledFor!.toISOString())).toContain('2026-10-25T00:00:00.000Z');
    expect(hourly.map((r) => r.scheduledFor!.toISOString())).toContain('2026-10-25T01:00:00.000Z');
    expect(new Set(hourly.map((r) => r.scheduledFor!.getTime())).size).toBe(hourly.length);
    expect(hourly.every((r, i) => i === 0 || r.scheduledFor!.getTime() - hourly[i - 1].scheduledFor!.getTime() === 3_600_000)).toBe(true);
  });
});
