/**
 * kill -9 of the console during an execution: a child process runs the job engine, starts a
 * task's container and stores its first log lines; the test kills it with SIGKILL. A new
 * engine (this process) finds the container by its label, follows it to its end, stores the
 * rest of the log once, and records the exit code — nothing lost, nothing doubled.
 */
import { execFileSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment, environment, organization } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { executionSettled } from '@/lib/jobs/testing';
import { createComponent } from '@/lib/services/components/create-component';
import { createProject } from '@/lib/services/projects/create-project';
import { createRegistry } from '@/lib/services/registries/create-registry';
import { orgWithMembers } from '@/lib/services/testing/fixtures';
import { killRestartScene } from '@/lib/testing/console-process';
import { buildTestImage, podmanEnv, pushImage } from '@/lib/testing/images';
import { startRegistry, type TestRegistry } from '@/lib/testing/registry';
import { executionLogs } from './execution-logs';
import { runTask } from './run-task';

let scene: Awaited<ReturnType<typeof killRestartScene>>;
let reg: TestRegistry;

beforeAll(async () => {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
  [scene, reg] = await Promise.all([killRestartScene('kill'), startRegistry({ auth: 'anonymous' })]);
  await pushImage(await buildTestImage({ message: 'slow job', variant: 'task-slow' }), `${reg.host}/jobs/slow:1`);
}, 120_000);

afterAll(async () => {
  await scene?.cleanup();
  await reg?.stop();
});

describe('kill -9 of the console during an execution', () => {
  it('is found by its label and finished after the restart, its log stored once', async () => {
    // The world, written before the "console" starts (PGlite allows one process at a time).
    let id: string;
    {
      const setup = await scene.reopen();
      const fx = await orgWithMembers(setup.db, 'acme');
      await createProject(fx.users.developer, { org: 'acme', name: 'ops', displayName: 'Ops' });
      const r = await createRegistry(fx.users.admin, { org: 'acme', displayName: 'Jobs', authType: 'anonymous', host: reg.host });
      const c = await createComponent(fx.users.developer, { org: 'acme', project: 'ops', name: 'slow', displayName: 'Slow', type: 'manual-task', registryId: r.id, image: `${reg.host}/jobs/slow:1` });
      const [org] = await setup.db.select().from(organization).where(eq(organization.slug, 'acme'));
      const [dev] = await setup.db.select().from(environment).where(eq(environment.organizationId, org.id)).orderBy(environment.position);
      await setup.db.insert(deployment).values({ organizationId: org.id, componentId: c.id, environmentId: dev.id, releaseId: c.release.id, status: 'active', triggeredByType: 'system', triggeredByLabel: 'test' });
      id = (await runTask(fx.users.developer, { org: 'acme', project: 'ops', component: 'slow' })).id;
      await scene.stop();
    }

    const console1 = await scene.startConsole(id, 'execution');
    expect(await console1.kill()).toBe('SIGKILL');

    // The console comes back: same database, same engine directory.
    const d = await scene.reopen();
    const before = await executionLogs({ db: d.db, actor: { type: 'system', label: 'test' } }, { org: 'acme', project: 'ops', component: 'slow', id });
    expect(before.done).toBe(false);
    expect(before.lines.map((l) => l.text)).toEqual(['slow job', 'started']);
    await scene.restart();
    const row = await executionSettled(d.db, id);
    expect(row).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    const after = await executionLogs({ db: d.db, actor: { type: 'system', label: 'test' } }, { org: 'acme', project: 'ops', component: 'slow', id });
    expect(after.lines.map((l) => l.text)).toEqual(['slow job', 'started', 'finished']);
    expect(after.lines.map((l) => l.seq)).toEqual([0, 1, 2]);
    // And the container is cleaned up.
    expect(execFileSync('podman', ['ps', '-aq', '--filter', `label=gantry.run=${id}`], { env: podmanEnv() }).toString().trim()).toBe('');
  }, 300_000);
});
